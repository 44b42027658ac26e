"""The report: the view model (everything a template prints), its wording, Markdown and charts,
the HTML and the PDF, the key that tells whether a PDF is up to date, and the templates."""
