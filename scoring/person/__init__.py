"""One person's credit file (issue 14): why they score what they score (file, waterfall, bounds,
records), what would move them up a tier (next_tier), and how to find them (search).

Pure assembly over the engine's result and the dataset; the page only translates and draws."""
