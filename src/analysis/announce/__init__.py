"""From the committee's decision to the announcement: the results letter to every governor (in the
government correspondence form of the seed letter), its winners' attachment, and a certificate per
winner, drafted as Word files from the data, so that no name is typed again.

``content`` is pure (what the documents say, from ``results`` and ``submissions``);
``write`` draws the templates of ``share/announce/`` (docxtpl) and writes the year's folder whole;
``make_templates`` builds those templates (once; an office restyles them in Word).
"""

from analysis.announce.content import (PLACEHOLDERS, Announcement, OpenReview, announcement, check_review,
                                       open_reviews, thai, winners)
from analysis.announce.write import (FILES, Drafted, PublicFolder, documents, is_public_folder, notebook_draft,
                                     run_announce, template_dir)

__all__ = ["FILES", "PLACEHOLDERS", "Announcement", "Drafted", "OpenReview", "PublicFolder", "announcement",
           "check_review", "documents", "is_public_folder", "notebook_draft", "open_reviews", "run_announce", "template_dir",
           "thai", "winners"]
