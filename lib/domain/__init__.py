"""The product's rules as pure Python: no Streamlit, no SQL, no files, no clock reads (`now` is passed in)."""
