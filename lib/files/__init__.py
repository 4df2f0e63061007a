"""The formats in and out (CSV, JSON, iCalendar, reports, demo data): domain objects in, text or bytes out."""
