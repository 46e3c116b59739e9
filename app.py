"""newslens dashboard entry point: `streamlit run app.py`."""

import streamlit as st

st.set_page_config(page_title="newslens", page_icon="📰", layout="wide")

pages = [
    st.Page("views/read.py", title="Read", icon=":material/article:", default=True),
    st.Page("views/library.py", title="Library", icon=":material/local_library:"),
    st.Page("views/corpus.py", title="Corpus", url_path="corpus", icon=":material/hub:"),
]
# In the top bar: the app needs no sidebar (on a phone a sidebar covers the page).
st.navigation(pages, position="top").run()
