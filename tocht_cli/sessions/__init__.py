"""One session's services (workspace, groups, ballots, merging, exchange, records), this run's context and its printing."""
