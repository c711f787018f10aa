"""Building blocks that the domain packages share."""
