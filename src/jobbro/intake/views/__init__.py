"""The shared line's pages: `inquiries` and their `registration` by the staff, the
response-time `reporting`, and the companies' `public` web form."""
