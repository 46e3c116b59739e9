"""A 30-article corpus for the corpus dashboard tests: five stories, each reported by three to
five outlets within a few days, plus singletons; the same actor under several names ("Donald
Trump", "Trump", "Mr. Trump"); two people who share a surname (Hillary and Bill Clinton);
one event whose date and numbers differ between the articles that report it.

`STORY_OF` says which story each article belongs to (None: a singleton), for measuring the
story grouping.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# (story, outlet, date, text). Short texts keep the build in the tests fast.
ARTICLES: list[tuple[str | None, str, str, str]] = [
    # -- story "ban": Trump's proposed ban, 7-9 Dec 2015
    (
        "ban",
        "nyt",
        "2015-12-07",
        "Donald Trump calls for a ban on Muslims entering the United States.\n\n"
        "Donald Trump on Monday called for a complete ban on Muslims entering the United "
        "States. “We have no choice,” Mr. Trump said at a rally in South Carolina. "
        "Paul Ryan criticised the plan. “This is not conservatism,” Ryan said. "
        "The proposal would affect 1.6 billion people.",
    ),
    (
        "ban",
        "wash-post",
        "2015-12-08",
        "Republicans recoil from Trump's Muslim ban.\n\n"
        "Trump called for a ban on Muslims entering the country on December 7, 2015. "
        "“It is not who we are,” Paul Ryan told reporters in Washington. "
        "Hillary Clinton said the idea was shameful. “It is dangerous,” Clinton said.",
    ),
    (
        "ban",
        "breitbart",
        "2015-12-08",
        "Trump stands by Muslim ban as establishment panics.\n\n"
        "Donald Trump called for a ban on Muslims entering the United States on Monday. "
        "“I am doing the right thing,” Trump told Breitbart News. "
        "The plan would affect 1.5 billion people, critics said.",
    ),
    (
        "ban",
        "huff-post",
        "2015-12-09",
        "Outrage grows over Trump's call to bar Muslims.\n\n"
        "Donald Trump called for a ban on Muslims entering the United States. "
        "“This is a disgrace,” Hillary Clinton said in Iowa. "
        "Paul Ryan said the plan was wrong.",
    ),
    # -- story "budget": the Senate passes the budget deal, 17-19 Dec 2015
    (
        "budget",
        "politico",
        "2015-12-18",
        "Senate passes budget deal before recess.\n\n"
        "The Senate passed a budget deal on Friday by a vote of 65 to 33. "
        "“This is a good day for the country,” Mitch McConnell said. "
        "Harry Reid praised the agreement. “We did our job,” Reid said.",
    ),
    (
        "budget",
        "usa-today",
        "2015-12-18",
        "Congress approves spending bill.\n\n"
        "The Senate passed a budget deal on Friday. "
        "Mitch McConnell said the bill funds the government through September. "
        "“It is a bipartisan achievement,” McConnell told reporters.",
    ),
    (
        "budget",
        "nyt",
        "2015-12-19",
        "A budget deal, and a rare moment of agreement.\n\n"
        "The Senate passed a budget deal on Friday by a vote of 65 to 33. "
        "Harry Reid said the deal was fair. "
        "“Nobody got everything,” Mr. McConnell said.",
    ),
    # -- story "caucus": the Iowa caucuses, 1-3 Feb 2016
    (
        "caucus",
        "nyt",
        "2016-02-02",
        "Ted Cruz wins the Iowa caucuses.\n\n"
        "Ted Cruz won the Iowa caucuses on Monday, beating Donald Trump. "
        "“Iowa has sent notice,” Cruz told supporters in Des Moines. "
        "Marco Rubio finished third.",
    ),
    (
        "caucus",
        "west-journal",
        "2016-02-02",
        "Cruz beats Trump in Iowa.\n\n"
        "Ted Cruz won the Iowa caucuses on Monday. "
        "“This is a victory for the grassroots,” Cruz said. "
        "Marco Rubio said his campaign had momentum. “We are just getting started,” Rubio said.",
    ),
    (
        "caucus",
        "politico",
        "2016-02-03",
        "What Iowa means for Trump.\n\n"
        "Ted Cruz won the Iowa caucuses, and Donald Trump finished second. "
        "“We finished second and I am honored,” Trump said in Des Moines. "
        "Marco Rubio finished third.",
    ),
    (
        "caucus",
        "breitbart",
        "2016-02-02",
        "Cruz wins Iowa; Rubio surges.\n\n"
        "Ted Cruz won the Iowa caucuses on Monday. "
        "Marco Rubio finished a strong third. "
        "“Tonight is a big night,” Rubio told supporters in Des Moines.",
    ),
    # -- story "bill": Bill Clinton campaigns in New Hampshire, 4-6 Jan 2016
    (
        "bill",
        "nyt",
        "2016-01-04",
        "Bill Clinton makes his debut on the trail for Hillary.\n\n"
        "Bill Clinton campaigned for his wife in New Hampshire on Monday. "
        "“She is the best change-maker I have ever known,” Bill Clinton said in Nashua.",
    ),
    (
        "bill",
        "wash-post",
        "2016-01-05",
        "The former president stumps in New Hampshire.\n\n"
        "Bill Clinton campaigned in New Hampshire on Monday. "
        "“Hillary will fix the economy,” Bill Clinton told a crowd in Nashua.",
    ),
    (
        "bill",
        "breitbart",
        "2016-01-05",
        "Trump attacks Bill Clinton's record.\n\n"
        "Donald Trump attacked Bill Clinton's record on Tuesday. "
        "“He is fair game,” Trump said. Bill Clinton campaigned in New Hampshire.",
    ),
    # -- story "netanyahu": Netanyahu rejects Trump's remarks, 10-11 Dec 2015
    (
        "netanyahu",
        "wash-post",
        "2015-12-10",
        "Netanyahu rejects Trump's remarks about Muslims.\n\n"
        "Benjamin Netanyahu rejected Donald Trump's remarks about Muslims on Thursday. "
        "“Israel respects all religions,” Netanyahu said in Jerusalem.",
    ),
    (
        "netanyahu",
        "huff-post",
        "2015-12-10",
        "Israel's leader rebukes Trump.\n\n"
        "Benjamin Netanyahu rejected the remarks of Donald Trump on Thursday. "
        "“We respect the rights of all citizens,” Netanyahu said.",
    ),
    (
        "netanyahu",
        "politico",
        "2015-12-11",
        "Trump postpones Israel trip.\n\n"
        "Donald Trump postponed his trip to Israel after Benjamin Netanyahu rejected his "
        "remarks. “I will go later,” Trump said.",
    ),
    # -- singletons
    (
        None,
        "usa-today",
        "2015-11-20",
        "Sanders outlines democratic socialism.\n\n"
        "Bernie Sanders explained his views at Georgetown University on Thursday. "
        "“Democratic socialism means a government that works for all,” Sanders said.",
    ),
    (
        None,
        "huff-post",
        "2015-11-25",
        "Warren presses banks on fees.\n\n"
        "Elizabeth Warren criticised the banks in Boston. "
        "“The system is rigged,” Warren said.",
    ),
    (
        None,
        "west-journal",
        "2015-12-01",
        "Carson visits Jordan refugee camp.\n\n"
        "Ben Carson visited a refugee camp in Jordan on Saturday. "
        "“They want to go home,” Carson said.",
    ),
    (
        None,
        "politico",
        "2015-12-15",
        "Jeb Bush hits Trump in debate.\n\n"
        "Jeb Bush attacked Donald Trump during the debate in Las Vegas. "
        "“You are not going to insult your way to the presidency,” Bush said.",
    ),
    (
        None,
        "usa-today",
        "2016-01-12",
        "Obama gives his final State of the Union.\n\n"
        "Barack Obama delivered his final State of the Union address on Tuesday. "
        "“The state of our union is strong,” Obama said.",
    ),
    (
        None,
        "nyt",
        "2016-01-20",
        "Palin endorses Trump.\n\n"
        "Sarah Palin endorsed Donald Trump in Ames on Tuesday. "
        "“He is going rogue,” Palin said.",
    ),
    (
        None,
        "west-journal",
        "2016-01-26",
        "George W. Bush to campaign for his brother.\n\n"
        "George W. Bush will campaign in South Carolina. "
        "“My brother is a good man,” George W. Bush said.",
    ),
    (
        None,
        "usa-today",
        "2016-02-10",
        "Sanders wins New Hampshire.\n\n"
        "Bernie Sanders won the New Hampshire primary on Tuesday. "
        "“Together we have sent a message,” Sanders said in Concord.",
    ),
    (
        None,
        "wash-post",
        "2016-02-14",
        "Scalia dies at 79.\n\n"
        "Antonin Scalia died in Texas on Saturday. "
        "“He was a brilliant legal mind,” Barack Obama said.",
    ),
    (
        None,
        "breitbart",
        "2016-02-20",
        "Trump wins South Carolina.\n\n"
        "Donald Trump won the South Carolina primary on Saturday. "
        "“Let's put this thing away,” Trump said in Spartanburg.",
    ),
    (
        None,
        "huff-post",
        "2016-02-22",
        "Kasich stays in the race.\n\n"
        "John Kasich said he would stay in the race. "
        "“We are going to Michigan,” Kasich said in Ohio.",
    ),
    (
        None,
        "politico",
        "2016-02-26",
        "Christie endorses Trump.\n\n"
        "Chris Christie endorsed Donald Trump in Fort Worth on Friday. "
        "“He is rewriting the playbook,” Christie said.",
    ),
    (
        None,
        "west-journal",
        "2016-03-01",
        "Super Tuesday results.\n\n"
        "Hillary Clinton won seven states on Super Tuesday. "
        "“America never stopped being great,” Clinton said in Miami.",
    ),
]


def article_id(i: int) -> str:
    story, outlet, date, text = ARTICLES[i]
    words = re.sub(r"[^a-z0-9 ]+", "", text.split("\n")[0].lower()).split()
    slug = "-".join(words[:4])
    return f"{outlet}_{date}_{slug}-{i}"


STORY_OF: dict[str, str | None] = {article_id(i): a[0] for i, a in enumerate(ARTICLES)}


def records(n: int | None = None) -> list[dict]:
    return [{"id": article_id(i), "text": ARTICLES[i][3]} for i in range(n or len(ARTICLES))]


def write_jsonl(path: Path, n: int | None = None) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(n)), encoding="utf-8"
    )
    return path


def built_corpus(tmp_path_factory) -> Path:
    """The 30-article corpus, built once per test session (serially, in-process) and shared
    by every test module that asks for it (through the session's base temp folder)."""
    from newslens.corpus.build import build

    folder = tmp_path_factory.getbasetemp() / "corpus-ui-30"
    corpus = folder / "corpus"
    done = folder / "built"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        source = write_jsonl(folder / "in.jsonl")
        summary = build([str(source)], corpus, polnear_ids=True, shard_size=10)
        assert summary.articles == len(ARTICLES) and summary.errors == 0
        done.write_text("ok", encoding="utf-8")
    return corpus
