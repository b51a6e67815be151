"""Generic web helpers that import no app of ours: the public page cache, pagination,
the rate limit, Markdown rendering, middleware, context processors and template tags."""
