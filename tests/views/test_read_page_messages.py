"""Messages of the Read page for partial failures and doubtful input, in AppTest with the real
model: counts of what was given, each failure listed, plain words (no class names), and a
warning for a page that is no article."""

from __future__ import annotations

from tests.views import files
from tests.views.read_app import analysed_uploads

BROKEN_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nstream\nxx"


def test_counts_say_how_many_of_the_files_given_were_analysed():
    at = analysed_uploads(
        ("one.txt", files.txt_bytes(), "text/plain"),
        ("broken.pdf", BROKEN_PDF, "application/pdf"),
        ("two.html", files.html_bytes(), "text/html"),
    )
    assert [s.label for s in at.get("status") if "Analysed" in s.label] == ["Analysed 2 of 3"]
    assert any("1 of 3 files could not be analysed" in w.value for w in at.warning)
    (error,) = at.error
    message = error.value.replace("\\", "")  # markdown escapes
    assert (
        message == "broken.pdf: this PDF could not be read: the file is damaged or not really a PDF"
    )


def test_a_login_page_is_analysed_with_a_warning():
    login = (
        b"<html><head><title>Login</title></head><body><form><h1>Login</h1>"
        b"<p>Username</p><p>Password</p></form></body></html>"
    )
    at = analysed_uploads(("login.html", login, "text/html"))
    assert any("does not look like a news article" in w.value for w in at.warning)
