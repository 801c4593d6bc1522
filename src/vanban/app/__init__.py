"""The use cases that join the steps, for the command line and library users alike: read a
file (documents), read many and update a graph (batch), open a graph or documents as a view
(views), make a page or a site (pages)."""
