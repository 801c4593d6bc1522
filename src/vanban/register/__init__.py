"""The office's register of documents (sổ đăng ký văn bản): read, and matched to the graph."""
