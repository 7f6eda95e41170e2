"""The F1 task board's parts: tiles that open the list behind a count, the warnings that come
first, and the first-run checklist (`station_app.ui.pages.home` puts them on the page)."""
