"""The CEN database in the gateway: the file routes the transcoder cannot derive, and the web pages."""
