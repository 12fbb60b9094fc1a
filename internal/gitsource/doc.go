// Package gitsource yields git content to scan: the history of a
// repository (History, and Push and FromTo for pre-push hooks), the tree at
// HEAD (HeadTree) and the index (Staged, for pre-commit hooks). It reads
// the object database with go-git; no git binary is needed.
//
// # History
//
// A HistorySource visits the chosen commits parents first (topological
// order), numbering them from 1 in Item.Seq, and diffs each commit's tree
// against its parents'. For every path whose blob differs from the blob
// at that path in every parent, it yields the blob once, with Added listing
// the lines that appear in none of those parent blobs. A root commit, or the
// boundary commit of a shallow clone, is diffed against the empty tree.
//
// This differs from `git log -p -U0 --all`, which gitleaks scans, in three
// ways:
//
//   - Blobs are deduplicated: a blob is yielded at the first (oldest)
//     commit and path where it appears, never again. A revert, a cherry-pick,
//     a copy or a pure rename yields nothing; the content was scanned.
//   - Added lines come from a line-set difference, not a diff: a line is
//     added if its text (line ending aside) is on no line of the parent
//     versions. It costs linear time, never reports moved lines, and does
//     not report a line duplicated from one that was already there, which
//     holds no new secret. A renamed and edited file has no parent version
//     at its new path, so all its lines count as added.
//   - Merge commits are diffed too, against all their parents: a blob or
//     tree equal to any parent's at the same path is skipped (content from
//     the merged branch was yielded on that branch), and a line is added
//     only if no parent has it. So a conflict resolution that introduces a
//     secret is scanned, which `git log -p` (no diff for merges) misses,
//     and nothing is reported twice.
//
// Deleted files yield nothing. Gitlinks (submodules) and symbolic links are
// skips, not followed. A blob over Options.MaxFileSize is a too-large skip
// decided from its object header, without inflating it.
//
// # Damaged and partial repositories
//
// Walks keep going when objects are missing (a partial clone, a deleted
// loose object) or corrupt: each such object is a skip, missing ones with
// source.ReasonMissingObject (counted by Missing), corrupt ones with
// source.ReasonUnreadable and the reason in the detail. A commit that
// cannot be read ends that line of history like a shallow boundary.
//
// # Cost
//
// Memory holds the ids of the walked commits with their parents and the ids
// of the blobs seen, plus one blob and its parent versions at a time; it
// does not grow with the size of the history's content. Unchanged subtrees
// are skipped by id without being read. Excluding history (Since, the
// remote side of a push) walks in committer-date order and stops as soon as
// every remaining commit is excluded, as git does, so a push of one commit
// onto a long history reads a handful of commits.
//
// A HistorySource reads each new blob while walking, because Added needs it;
// Item.Read returns the bytes already read. HeadSource defers reading to
// Item.Read. All object access is serialised on one lock, as go-git's
// storage is not safe for concurrent use.
package gitsource
