"""The consignment page's tabs that stand on their own: proxy orders and county online-shop orders."""
