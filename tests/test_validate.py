"""Content checks: one fixture per kind of editor mistake, each with its exact message.

Each fixture in tests/fixtures/mistakes/ is added to a copy of the small fixture site; the test
asserts the exact messages `make check` prints, and (marked `build`) that the real MkDocs build,
through the hooks, refuses the same site with the same messages. A property-based test feeds
random front matter and Markdown to the validator: it never raises, it only reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitekit import MISTAKES, ROOT, SITE, TODAY, build_in_process, check, make_site
from spinelib import checks, content, frontmatter, render, schema, schema_messages, siteconfig, triage, validate
from spinelib.checks import runner


@dataclass(frozen=True)
class Mistake:
    file: str                        # under tests/fixtures/mistakes/, copied to the same place under docs/
    errors: tuple[str, ...] = ()     # exact messages; "{today}" is the date the checks run on
    warnings: tuple[str, ...] = ()
    unsafe: str | None = None        # unsafe HTML: this text must never reach the built site
    also: tuple[str, ...] = ()       # other fixture files the mistake needs (a draft it links to)

    def __str__(self) -> str:
        return self.file

    def expected_errors(self, today: dt.date) -> list[str]:
        return [e.format(today=today.isoformat()) for e in self.errors]


MISTAKES_TABLE = [
    Mistake('blog/posts/Back_Pain_Tips.md',
            errors=(
                "docs/blog/posts/Back_Pain_Tips.md:1: SH106 rename the file to 'back-pain-tips.md': the file name becomes the page's web address, so use lower-case letters, numbers and hyphens only",),),
    Mistake('blog/posts/author-not-listed.md',
            errors=(
                "docs/blog/posts/author-not-listed.md:10: SH210 'authors' contains 'jsmith', which is not an author listed in docs/blog/.authors.yml (add the author there first, or use 'editorial')",),),
    Mistake('blog/posts/broken-anchor.md',
            errors=(
                "docs/blog/posts/broken-anchor.md:30: SH402 the link '../../conditions/sciatica.md#symtoms' points to a section '#symtoms' that docs/conditions/sciatica.md does not have; did you mean '#symptoms'?",),),
    Mistake('blog/posts/broken-link.md',
            errors=(
                "docs/blog/posts/broken-link.md:30: SH401 the link '../../conditions/sciatca.md' points to docs/conditions/sciatca.md, which does not exist; did you mean '../../conditions/sciatica.md'?",),),
    Mistake('blog/posts/byte-order-mark.md',
            warnings=(
                "docs/blog/posts/byte-order-mark.md:1: SH102 the file starts with a byte-order mark (BOM); it is handled, but please save the file as 'UTF-8' (without BOM)",),),
    Mistake('blog/posts/category-not-allowed.md',
            errors=(
                "docs/blog/posts/category-not-allowed.md:6: SH210 'categories' contains 'Symptom', which is not an allowed resource topic; did you mean 'Symptoms'?",),),
    Mistake('blog/posts/colon-in-title-not-quoted.md',
            errors=(
                "docs/blog/posts/colon-in-title-not-quoted.md:2: SH201 the front matter cannot be read: a value contains ': ': put the whole value in double quotes (YAML says: mapping values are not allowed here)",),),
    Mistake('blog/posts/condition-not-found.md',
            errors=(
                "docs/blog/posts/condition-not-found.md:12: SH211 'conditions' names 'sciatca', which is not a condition page; did you mean 'sciatica'?",),),
    Mistake('blog/posts/data-url-image.md',
            errors=(
                "docs/blog/posts/data-url-image.md:32: SH303 the address 'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+VU5TQUZFLU1BUktFUi1kYXR...' is not allowed (data: addresses can hide scripts and content); put the file in docs/assets/ and link to it",),
            unsafe='data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk',),
    Mistake('blog/posts/date-in-the-future.md',
            errors=(
                "docs/blog/posts/date-in-the-future.md:4: SH209 'date' is in the future (2099-01-01): nothing publishes a post on its date by itself (it would stay hidden until the site is next rebuilt after that day); use today's date ({today}) or earlier, or add 'draft: true' and set the date when you publish",),),
    Mistake('blog/posts/date-not-a-date.md',
            errors=(
                "docs/blog/posts/date-not-a-date.md:4: SH208 'date' must be a date like 2026-05-01 (got '2026-13-01')",),),
    Mistake('blog/posts/date-quoted.md',
            errors=(
                "docs/blog/posts/date-quoted.md:4: SH208 'date' must be a date without quotes, like 2026-05-01 (got the text '2026-10-15')",),),
    Mistake('blog/posts/description-too-long.md',
            errors=(
                "docs/blog/posts/description-too-long.md:3: SH204 'description' is 208 characters long; shorten it to 160 or fewer",),),
    Mistake('blog/posts/duplicate-title.md',
            errors=(
                "docs/blog/posts/duplicate-title.md:2: SH801 the title 'Staying active with back pain' is also used by docs/blog/posts/staying-active.md; give each page its own title",
                "docs/blog/posts/staying-active.md:2: SH801 the title 'Staying active with back pain' is also used by docs/blog/posts/duplicate-title.md; give each page its own title",),),
    Mistake('blog/posts/embed-element.md',
            errors=(
                'docs/blog/posts/embed-element.md:32: SH301 the HTML element <embed> is not allowed in pages (embedded content can track or harm readers); remove it and link to the page or file instead',),
            unsafe='UNSAFE-MARKER-embed',),
    Mistake('blog/posts/empty-file.md',
            errors=(
                "docs/blog/posts/empty-file.md:1: SH104 the file is empty; start it with front matter (see CONTRIBUTING.md section 3, or use 'make new-post' / 'make new-condition'), or delete it",),),
    Mistake('blog/posts/event-handler.md',
            errors=(
                "docs/blog/posts/event-handler.md:30: SH302 the 'onmouseover' attribute is not allowed (event handlers run scripts); remove it",),
            unsafe='UNSAFE-MARKER-onmouseover',),
    Mistake('blog/posts/form-element.md',
            errors=(
                "docs/blog/posts/form-element.md:32: SH301 the HTML element <form> is not allowed in pages (forms could collect readers' data); remove it (the newsletter sign-up comes from the site's templates)",),
            unsafe='UNSAFE-MARKER-form',),
    Mistake('blog/posts/front-matter-not-a-mapping.md',
            errors=(
                'docs/blog/posts/front-matter-not-a-mapping.md:2: SH201 the front matter must be \'name: value\' lines, like \'title: "..."\' (got a list)',),),
    Mistake('blog/posts/front-matter-not-closed.md',
            errors=(
                "docs/blog/posts/front-matter-not-closed.md:1: SH202 the front matter has no closing '---' line; add a line with just '---' after the last field",),),
    Mistake('blog/posts/heading-one-in-body.md',
            errors=(
                "docs/blog/posts/heading-one-in-body.md:24: SH501 remove the heading '# Staying well': the page's title comes from 'title' in the front matter; use '## ' for sections",),),
    Mistake('blog/posts/html-in-title.md',
            errors=(
                "docs/blog/posts/html-in-title.md:2: SH207 'title' must be plain text, without HTML (found '<script>UNSA'); remove the tag",),
            unsafe='<script>UNSAFE-MARKER-title</script>',),
    Mistake('blog/posts/http-link.md',
            errors=(
                "docs/blog/posts/http-link.md:30: SH403 the link 'http://www.nhs.uk/conditions/back-pain/' must start with https:// (links to other websites must be secure); change http:// to https:// and check that the page still opens",),),
    Mistake('blog/posts/iframe-element.md',
            errors=(
                'docs/blog/posts/iframe-element.md:32: SH301 the HTML element <iframe> is not allowed in pages (embedded content can track or harm readers); remove it and link to the page or file instead',),
            unsafe='UNSAFE-MARKER-iframe',),
    Mistake('blog/posts/javascript-link.md',
            errors=(
                "docs/blog/posts/javascript-link.md:30: SH303 the address 'javascript:alert(1)' is not allowed (javascript: addresses run scripts); link to a page of this site or an https:// address",),
            unsafe='javascript:alert(1)',),
    Mistake('blog/posts/link-to-a-folder.md',
            errors=(
                "docs/blog/posts/link-to-a-folder.md:30: SH401 the link '../' points to a folder; link to its page file instead: '../index.md'",),),
    Mistake('blog/posts/missing-description.md',
            errors=(
                'docs/blog/posts/missing-description.md:1: SH203 \'description\' is missing: add a line like description: "One sentence about the page, 160 characters at most."',),),
    Mistake('blog/posts/no-excerpt-marker.md',
            errors=(
                'docs/blog/posts/no-excerpt-marker.md: SH511 the post has no excerpt marker: put <!-- more --> on its own line after the first paragraph or two (they are shown on the blog index)',),),
    Mistake('blog/posts/no-front-matter.md',
            errors=(
                "docs/blog/posts/no-front-matter.md:1: SH202 the page has no front matter: start the file with a '---' line, then title, description, date, categories, tags, authors and sources, then another '---' line (see CONTRIBUTING.md section 3)",),),
    Mistake('blog/posts/not-utf8.md',
            errors=(
                "docs/blog/posts/not-utf8.md:30: SH101 the file is not saved as UTF-8, so some characters cannot be read; open it in your editor and save it with the 'UTF-8' encoding",),),
    Mistake('blog/posts/object-element.md',
            errors=(
                'docs/blog/posts/object-element.md:32: SH301 the HTML element <object> is not allowed in pages (embedded content can track or harm readers); remove it and link to the page or file instead',),
            unsafe='UNSAFE-MARKER-object',),
    Mistake('blog/posts/one-source-only.md',
            errors=(
                "docs/blog/posts/one-source-only.md:13: SH212 'sources' needs at least 2 sources (got 1); add the trusted sources you used",),),
    Mistake('blog/posts/picture-missing.md',
            errors=(
                "docs/blog/posts/picture-missing.md:32: SH404 the picture '../../assets/images/spine.png' points to docs/assets/images/spine.png, which does not exist; did you mean '../../assets/images/lower-spine.svg'?",),),
    Mistake('blog/posts/picture-without-alt.md',
            errors=(
                "docs/blog/posts/picture-without-alt.md:32: SH405 the picture '../../assets/images/lower-spine.svg' has no alt text: describe what it shows inside the square brackets, like ![Diagram of the lower spine and its nerve roots](../../assets/images/lower-spine.svg)",),),
    Mistake('blog/posts/reading-grade-too-high.md',
            errors=(
                'docs/blog/posts/reading-grade-too-high.md: SH701 the reading grade is 27.8, above the limit of 8 for posts; shorten the longest sentences first:\n    - (22 words, line 24) Musculoskeletal conditions affecting the lumbosacral spine frequently necessitate comprehensive multidisciplinary evaluation, incorporating detailed neurological examination, appropriate radiological investigation and individualised rehabilitation programmes.\n    - (19 words, line 30) Pharmacological interventions, including nonsteroidal anti-inflammatory medications, demonstrate modest effectiveness in randomised controlled investigations, although gastrointestinal complications necessitate considerable caution.\n    - (15 words, line 32) Physiotherapeutic rehabilitation emphasising progressive functional restoration demonstrates considerable effectiveness regarding symptomatic improvement and occupational reintegration.',),),
    Mistake('blog/posts/red-flag-without-emergency-link.md',
            errors=(
                "docs/blog/posts/red-flag-without-emergency-link.md:30: SH601 the page mentions 'trapped nerve' (a red-flag symptom or nerve compression) but does not link to the emergency page; add a link like [when back or leg pain is an emergency](../../emergency.md)",),),
    Mistake('blog/posts/sciatica.md',
            errors=(
                "docs/blog/posts/sciatica.md: SH802 the file name (slug) 'sciatica' is also used by docs/conditions/sciatica.md; rename one of the files: pages are named by their file name in 'related', 'conditions' and 'read_also'",
                "docs/conditions/sciatica.md: SH802 the file name (slug) 'sciatica' is also used by docs/blog/posts/sciatica.md; rename one of the files: pages are named by their file name in 'related', 'conditions' and 'read_also'",),),
    Mistake('blog/posts/script-element.md',
            errors=(
                "docs/blog/posts/script-element.md:32: SH301 the HTML element <script> is not allowed in pages (scripts could harm readers); remove it (the site's own scripts come only from its templates)",),
            unsafe='UNSAFE-MARKER-script',),
    Mistake('blog/posts/source-http-url.md',
            errors=(
                "docs/blog/posts/source-http-url.md:17: SH213 'url' of source 1 must start with https:// (got 'http://www.nhs.uk/conditions/back-pain/'); use the page's https address",),),
    Mistake('blog/posts/source-missing-publisher.md',
            errors=(
                'docs/blog/posts/source-missing-publisher.md:14: SH203 source 1 is missing \'publisher\': add a line like publisher: "NHS"',),),
    Mistake('blog/posts/sources-typed-in-body.md',
            errors=(
                "docs/blog/posts/sources-typed-in-body.md:32: SH502 remove the '## Sources' section: the sources and review dates are added for you from the front matter",),),
    Mistake('blog/posts/style-element.md',
            errors=(
                'docs/blog/posts/style-element.md:32: SH301 the HTML element <style> is not allowed in pages (page styles can hide or change content); remove it (styles belong in docs/assets/stylesheets/)',),
            unsafe='UNSAFE-MARKER-style',),
    Mistake('blog/posts/tag-not-allowed.md',
            errors=(
                "docs/blog/posts/tag-not-allowed.md:8: SH210 'tags' contains 'Sciatica pain', which is not an allowed tag; did you mean 'Sciatica'?",),),
    Mistake('blog/posts/tags-not-a-list.md',
            errors=(
                "docs/blog/posts/tags-not-a-list.md:7: SH206 'tags' must be a list, one item per line starting with '- ' (got 'Back pain')",),),
    Mistake('blog/posts/unknown-field-typo.md',
            errors=(
                "docs/blog/posts/unknown-field-typo.md:1: SH203 'categories' is missing: add a 'categories:' line, then 1 or 2 topics, each on its own line like '  - Symptoms'",
                "docs/blog/posts/unknown-field-typo.md:5: SH205 unknown field 'categores': did you mean 'categories'?",),),
    Mistake('blog/posts/vbscript-link.md',
            errors=(
                "docs/blog/posts/vbscript-link.md:30: SH303 the address 'vbscript:msgbox(UNSAFE-MARKER-vbscript)' is not allowed (vbscript: addresses run scripts); link to a page of this site or an https:// address",),
            unsafe='UNSAFE-MARKER-vbscript',),
    Mistake('blog/posts/whitespace-only.md',
            errors=(
                "docs/blog/posts/whitespace-only.md:1: SH104 the file is empty; start it with front matter (see CONTRIBUTING.md section 3, or use 'make new-post' / 'make new-condition'), or delete it",),),
    Mistake('blog/posts/windows-line-endings.md',
            warnings=(
                "docs/blog/posts/windows-line-endings.md:1: SH103 the file has Windows line endings (CRLF); they are handled, but please set your editor to save with 'LF' line endings",),),
    Mistake('conditions/care-card-not-indented.md',
            errors=(
                "docs/conditions/care-card-not-indented.md:38: SH509 the care card is empty: indent its content by four spaces under the '!!! see-doctor' line",),),
    Mistake('conditions/care-card-type-misspelt.md',
            errors=(
                "docs/conditions/care-card-type-misspelt.md:42: SH507 '!!! emergancy' is not a care card type; did you mean '!!! emergency'? (care cards are see-doctor, urgent and emergency)",),),
    Mistake('conditions/last-reviewed-in-the-future.md',
            errors=(
                "docs/conditions/last-reviewed-in-the-future.md:6: SH209 'last_reviewed' is in the future (2099-01-01); use the date the page was actually reviewed ({today} or earlier)",),),
    Mistake('conditions/no-care-card.md',
            errors=(
                'docs/conditions/no-care-card.md:36: SH505 the page has no care card: add one inside \'## When to get help\', like !!! see-doctor "See a doctor if:" with its content indented by four spaces',),),
    Mistake('conditions/review-overdue.md',
            warnings=(
                "docs/conditions/review-overdue.md:6: SH901 the review is overdue: it was due on 2026-06-01 (last reviewed 2025-06-01); check the page against its sources, then update 'last_reviewed'",),),
    Mistake('conditions/sciatica/index.md',
            errors=(
                "docs/conditions/sciatica.md: SH803 the web address '/conditions/sciatica/' is also used by docs/conditions/sciatica/index.md; rename or move one of the files so each page has its own address",
                "docs/conditions/sciatica/index.md: SH803 the web address '/conditions/sciatica/' is also used by docs/conditions/sciatica.md; rename or move one of the files so each page has its own address",),),
    Mistake('conditions/section-missing.md',
            errors=(
                "docs/conditions/section-missing.md: SH503 the '## How it is diagnosed' section is missing: condition pages need these sections, in this order: ## Symptoms, ## What causes it, ## How it is diagnosed, ## Treatment, ## When to get help",),),
    Mistake('conditions/sections-out-of-order.md',
            errors=(
                "docs/conditions/sections-out-of-order.md:28: SH504 '## Treatment' must come after '## How it is diagnosed' (the order is: ## Symptoms, ## What causes it, ## How it is diagnosed, ## Treatment, ## When to get help)",),),
    Mistake('conditions/starts-in-not-allowed.md',
            errors=(
                "docs/conditions/starts-in-not-allowed.md:5: SH210 'starts_in' must be one of: spine, foot-or-leg (got 'back')",),),
    # The triage standard (docs/_data/red-flags.yml) and the site's emergency words.
    Mistake('conditions/red-flag-filed-too-low.md',
            errors=(
                'docs/conditions/red-flag-filed-too-low.md:41: SH609 \'you are losing weight without trying\' is the red flag \'weight-loss\' (possible cancer or infection); the triage standard files it as urgent (an appointment or urgent care today), not see a doctor (non-urgent): move it to a \'!!! urgent\' card as \'- red-flag: weight-loss\' (standard wording: "you have back pain and you are losing weight without trying")',
            ),),
    Mistake('conditions/red-flag-filed-too-high.md',
            errors=(
                'docs/conditions/red-flag-filed-too-high.md:40: SH609 \'numbness in your leg or foot is spreading\' is the red flag \'numbness-spreading\' (a nerve being squeezed harder, or nerve damage moving fast; needs checking today); the triage standard files it as urgent (an appointment or urgent care today), not emergency (call the emergency number or go to the emergency room): move it to a \'!!! urgent\' card as \'- red-flag: numbness-spreading\' (standard wording: "numbness or tingling in your leg or foot is spreading or getting worse")',
            ),),
    Mistake('conditions/cauda-equina-late-signs-only.md',
            errors=(
                "docs/conditions/cauda-equina-late-signs-only.md:38: SH610 the care cards leave out the early and late signs of cauda equina syndrome (every spine condition page carries them all): add '- red-flag: ces-saddle' in a '!!! emergency' card; '- red-flag: ces-bladder-early' in a '!!! emergency' card; '- red-flag: ces-sex' in a '!!! emergency' card; '- red-flag: both-legs' in a '!!! emergency' card",
            ),),
    Mistake('conditions/foot-drop-without-onset.md',
            errors=(
                "docs/conditions/foot-drop-without-onset.md:40: SH608 'your foot drags when you walk' describes foot drop but not how fast it came on; say how fast it came on: over minutes or hours, or after a knee injury, is an emergency; over days it is urgent today (or use the standard bullets: '- red-flag: foot-drop-injury', '- red-flag: foot-drop-sudden', '- red-flag: foot-drop-days', '- red-flag: foot-drop-known')",
            ),),
    Mistake('conditions/red-flag-id-misspelt.md',
            errors=(
                "docs/conditions/red-flag-id-misspelt.md:40: SH606 'red-flag: wieght-loss' is not a flag of the triage standard; did you mean 'red-flag: weight-loss'? the flags and their ids are listed in docs/_data/red-flags.yml",
            ),),
    Mistake('conditions/clot-signs-missing.md',
            errors=(
                "docs/conditions/clot-signs-missing.md:38: SH610 the care cards leave out the signs of a blood clot in the leg and in the lung (the page mentions 'calf is swollen'): add '- red-flag: dvt' in a '!!! urgent' card; '- red-flag: pe' in a '!!! emergency' card",
            ),),
    Mistake('blog/posts/emergency-number-typed.md',
            errors=(
                "docs/blog/posts/emergency-number-typed.md:30: SH602 write {{{{ emergency_number }}}} instead of '911': the number comes from the site's settings (extra.emergency_number in mkdocs.yml), so every page gives the same one",
                "docs/blog/posts/emergency-number-typed.md:30: SH603 write {{{{ emergency_room }}}} instead of 'the emergency room' (it reads 'the emergency room'): the words come from the site's settings (extra.emergency_room in mkdocs.yml), so every page says the same",
            ),),
    Mistake('blog/posts/emergency-number-in-description.md',
            errors=(
                "docs/blog/posts/emergency-number-in-description.md:3: SH605 write 'emergency help' instead of the emergency number in the description: front matter cannot use the site's emergency number setting",
            ),),
    Mistake('blog/posts/red-flag-line-outside-card.md',
            errors=(
                "docs/blog/posts/red-flag-line-outside-card.md:30: SH607 'red-flag: weight-loss' works only as a bullet inside a care card; indent it under a '!!! emergency', '!!! urgent' or '!!! see-doctor' line",
            ),),
    Mistake('blog/posts/readers-words-without-emergency-link.md',
            errors=(
                "docs/blog/posts/readers-words-without-emergency-link.md:30: SH601 the page mentions 'between my legs' (a red-flag symptom or nerve compression) but does not link to the emergency page; add a link like [when back or leg pain is an emergency](../../emergency.md)",
            ),),
    # Rules that had no fixture, and what an editor's first try missed (issue 13).
    Mistake('blog/posts/no-text.md',
            errors=(
                "docs/blog/posts/no-text.md:23: SH105 the page has no text after the front matter; write the page, or delete the file",),),
    Mistake('blog/posts/todo-left-in.md',
            errors=(
                "docs/blog/posts/todo-left-in.md:3: SH107 the scaffold's 'TODO' is still in 'description': replace it with the real text before publishing",
                "docs/blog/posts/todo-left-in.md:32: SH107 the scaffold's 'TODO' is still here: replace it with your own words, or delete the line, before publishing",),),
    Mistake('conditions/scaffold-sample-source.md',
            errors=(
                "docs/conditions/scaffold-sample-source.md:11: SH108 'url' of source 1 is the scaffold's sample address (https://www.nhs.uk/conditions/); put the address of the page you actually used",),),
    Mistake('blog/posts/svg-use-outside.md',
            errors=(
                'docs/blog/posts/svg-use-outside.md:32: SH304 a drawing\'s <use> may only point inside the page (href="#id"); remove it',),
            unsafe='https://example.org/icons.svg#a',),
    Mistake('blog/posts/link-empty.md',
            errors=(
                "docs/blog/posts/link-empty.md:32: SH406 a link has an empty address; put the page's file name or an https:// address in the brackets",),),
    Mistake('blog/posts/link-in-html.md',
            errors=(
                "docs/blog/posts/link-in-html.md:32: SH407 the link '../../conditions/sciatica.md' is written in HTML, so MkDocs does not turn it into the page's web address and it would be broken on the site; write it in Markdown: [the link text](../../conditions/sciatica.md)",),),
    Mistake('blog/posts/link-to-a-draft.md', also=('blog/posts/draft-left-on.md',),
            errors=(
                "docs/blog/posts/link-to-a-draft.md:33: SH408 the link 'draft-left-on.md' points to docs/blog/posts/draft-left-on.md, which is a draft (or dated in the future) and is not published; remove the link until that page is published",),
            warnings=(
                "docs/blog/posts/draft-left-on.md:5: SH903 the post is a draft: it will not be published until you remove the line 'draft: true'",
                "docs/blog/posts/link-to-a-draft.md:13: SH902 'read_also' names 'draft-left-on', which is a draft (or dated in the future); it is left out until that page is published",),),
    Mistake('blog/posts/excerpt-marker-first.md',
            errors=(
                'docs/blog/posts/excerpt-marker-first.md:24: SH512 the excerpt marker <!-- more --> comes before any text; move it after the first paragraph or two, which must make sense on their own',),),
    Mistake('blog/posts/unknown-site-word.md',
            errors=(
                "docs/blog/posts/unknown-site-word.md:32: SH604 '{{{{ emergency_phone }}}}' is not one of the site's words; write {{{{ emergency_number }}}} or {{{{ emergency_room }}}}",),),
    Mistake('blog/posts/one-long-sentence.md',
            warnings=(
                "docs/blog/posts/one-long-sentence.md:32: SH702 this sentence has 61 words ('If your pain spreads down one leg and …'); the content guide asks for 20 or fewer: split it in two, or make a list",),),
    Mistake('conditions/care-card-outside-section.md',
            errors=(
                "docs/conditions/care-card-outside-section.md:40: SH506 the care card must be inside the '## When to get help' section; move it there",),),
    Mistake('conditions/care-card-without-heading.md',
            errors=(
                'docs/conditions/care-card-without-heading.md:38: SH508 the care card needs a heading in double quotes, with one action, like !!! see-doctor "See a doctor if:"',),),
    Mistake('conditions/care-card-too-many-bullets.md',
            warnings=(
                'docs/conditions/care-card-too-many-bullets.md:38: SH510 the care card has 7 bullet points; keep it to at most 5 plus one catch-all, so readers in a hurry can take it in',),),
    # Quotes an editor's first try got wrong, and the treatment and test page type.
    Mistake('blog/posts/title-quote-not-closed.md',
            errors=(
                'docs/blog/posts/title-quote-not-closed.md:2: SH201 the value of \'title\' starts with a double quote but has no closing one: add " at the end of the line',
            ),),
    Mistake('blog/posts/curly-quotes-in-title.md',
            errors=(
                'docs/blog/posts/curly-quotes-in-title.md:2: SH215 \'title\' is wrapped in curly quotes pasted from a word processor, which would show in the published text; replace them with straight double quotes (")',
            ),),
    Mistake('treatments/section-missing.md',
            errors=(
                "docs/treatments/section-missing.md: SH503 the '## What happens on the day' section is missing: treatment and test pages need these sections, in this order: ## What it is, ## Who it may help, and who it won't, ## How to prepare, ## What happens on the day, ## Recovery, ## Risks and side effects, ## How well it works, ## Questions to ask, ## When to get help afterwards",
            ),),
    Mistake('treatments/no-care-card.md',
            errors=(
                'docs/treatments/no-care-card.md:54: SH505 the page has no care card: add one inside \'## When to get help afterwards\', like !!! see-doctor "See a doctor if:" with its content indented by four spaces',
            ),),
    Mistake('treatments/one-source-only.md',
            errors=(
                "docs/treatments/one-source-only.md:9: SH212 'sources' needs at least 2 sources (got 1); add the trusted sources you used",
            ),),
]
UNSAFE_MISTAKES = [m for m in MISTAKES_TABLE if m.unsafe]
REFUSED = [m for m in MISTAKES_TABLE if m.errors]
HANDLED = [m for m in MISTAKES_TABLE if not m.errors]


# --- the fixtures ------------------------------------------------------------------------------

def test_the_fixture_site_is_clean(tmp_path: Path) -> None:
    report = check(make_site(tmp_path / "site"))
    assert [str(p) for p in report.errors + report.warnings] == []
    assert report.pages == 6


def test_every_fixture_file_is_in_the_table() -> None:
    on_disk = {p.relative_to(MISTAKES).as_posix() for p in MISTAKES.rglob("*.md")}
    assert on_disk == {m.file for m in MISTAKES_TABLE} | {f for m in MISTAKES_TABLE for f in m.also}
    assert len(MISTAKES_TABLE) >= 25 and len(UNSAFE_MISTAKES) >= 10


@pytest.mark.parametrize("mistake", MISTAKES_TABLE, ids=str)
def test_each_mistake_gets_its_exact_message(tmp_path: Path, mistake: Mistake) -> None:
    report = check(make_site(tmp_path / "site", mistake.file, *mistake.also))
    assert [str(p) for p in report.errors] == mistake.expected_errors(TODAY)
    assert [str(p) for p in report.warnings] == list(mistake.warnings)


def test_every_rule_has_a_fixture_that_shows_its_message() -> None:
    """Like a linter's rule tests: every registered code appears in some fixture's exact messages,
    except the few faults of the checks themselves, which have a reason and a test of their own."""
    shown = {message.split(": ", 1)[1].split(" ", 1)[0] for m in MISTAKES_TABLE for message in m.errors + m.warnings}
    rules = checks.all_rules()
    exempt = {r.code for r in rules if r.fixture_exempt}
    assert {r.code for r in rules} - exempt - shown == set(), "rules without a fixture"
    assert shown <= {r.code for r in rules}, "a fixture shows a code that is not registered"
    assert exempt == {"SH001", "SH002", "SH214", "SH611"}


def test_every_message_starts_with_a_registered_code(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site", *(f for m in MISTAKES_TABLE for f in (m.file, *m.also)))
    report = check(config)
    assert report.errors and report.warnings
    for problem in report.errors + report.warnings:
        assert problem.code in checks.RULES and problem.message.startswith(problem.code + " "), problem


def test_the_checks_own_faults_are_reported_with_their_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site(tmp_path / "site")
    docs = config.parent / "docs"
    (docs / "blog/.authors.yml").write_text("authors: [editorial]\n", encoding="utf-8")
    (docs / triage.STANDARD_FILE).write_text("flags: 3\n", encoding="utf-8")
    real_to_html = render.to_html

    def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    def to_html(text: str, config_file: Path) -> str:
        if "Sciatica is" in text:
            raise ValueError("an extension failed")
        return real_to_html(text, config_file)

    monkeypatch.setattr(runner, "HTML_CHECKS", (broken,))
    monkeypatch.setattr(render, "to_html", to_html)
    codes = {p.code for p in check(config).errors}
    assert {"SH001", "SH002", "SH214", "SH611"} <= codes, codes


CHECKED_BY_MKDOCS_IN_THE_BUILD = {"blog/posts/broken-link.md", "blog/posts/broken-anchor.md",
                                  "blog/posts/link-to-a-folder.md", "blog/posts/picture-missing.md"}


@pytest.mark.build
@pytest.mark.parametrize("mistake", REFUSED, ids=str)
def test_the_build_refuses_each_mistake(tmp_path: Path, mistake: Mistake) -> None:
    config = make_site(tmp_path / "site", mistake.file, *mistake.also)
    ok, log = build_in_process(config, tmp_path / "out")
    assert not ok, "the build should have refused the page"
    if mistake.file in CHECKED_BY_MKDOCS_IN_THE_BUILD:
        # Links between pages: in the build, MkDocs' strict validation refuses them with its own
        # message naming the file and the link (our fuller message is in `make check`).
        assert f"Doc file '{mistake.file}' contains a" in log and "strict mode" in log, log
    else:
        for message in mistake.expected_errors(dt.date.today()):
            assert f"  {message}" in log, log
    assert "Traceback" not in log
    if mistake.unsafe:
        assert not any(tmp_path.joinpath("out").rglob("*.html")), "nothing is written when the build refuses"


@pytest.mark.build
@pytest.mark.parametrize("mistake", HANDLED, ids=str)
def test_the_build_handles_bom_crlf_and_overdue_reviews_with_a_warning(tmp_path: Path, mistake: Mistake) -> None:
    config = make_site(tmp_path / "site", mistake.file)
    ok, log = build_in_process(config, tmp_path / "out")
    assert ok, log
    for message in mistake.warnings:
        assert f"content warning: {message}" in log
    page = tmp_path / "out" / content.page_from_text(mistake.file, "").url / "index.html"
    html = page.read_text(encoding="utf-8")
    title = yaml.safe_load((MISTAKES / mistake.file).read_bytes().decode("utf-8-sig").split("---")[1])["title"]
    assert f">{title}</h1>" in html and "\ufeff" not in html and "\r" not in html


# --- unsafe HTML: variants an attacker (or a copy-paste) might use --------------------------------

def _body_problems(body: str, src: str = "about/fuzz.md", extra: tuple[content.Page, ...] = ()) -> list[str]:
    front = '---\ntitle: "A page"\ndescription: "A page for the tests."\n---\n'
    page = content.page_from_text(src, front + body)
    config = SITE / "mkdocs.yml"
    pages = content.load_site(SITE / "docs") + [page, *extra]
    report = validate.validate_site(pages, SITE / "docs", siteconfig.load(config), config, today=TODAY)
    return [p.message for p in report.errors + report.warnings if p.path.endswith(src)]


@pytest.mark.parametrize("body, expected", [
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript: addresses run scripts"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "javascript: addresses run scripts"),
    ("[x]( javascript:alert(1))", "javascript: addresses run scripts"),
    ('<img src="../assets/images/lower-spine.svg" alt="x" onerror="alert(1)">', "'onerror' attribute"),
    ('[sciatica](../conditions/sciatica.md){ onclick="alert(1)" }', "'onclick' attribute"),
    ("<svg><script>alert(1)</script></svg>", "<script>"),
    ('<svg onload="alert(1)"><g></g></svg>', "'onload' attribute"),
    ('<svg><use href="https://evil.example/x.svg#a"></use></svg>', "<use> may only point inside the page"),
    ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "javascript: addresses run scripts"),
    ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>', "<animate>"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta>"),
    ('<img alt="x" srcset="data:image/png;base64,AAAA 1x">', "data: addresses"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', "<noscript>"),
    ("<math><mi>x</mi></math>", "<math>"),
    ("<title>x</title>", "<title>"),
    ("<input type=\"text\" name=\"email\">", "<input>"),
    # Comments and CDATA as browsers read them (Python's parser alone would hide the <img>):
    ("<!--><img src=x onerror=alert(1)>-->", "'onerror' attribute"),
    ("a <!---><img src=x onerror=alert(1)>--> b", "'onerror' attribute"),
    ("<!-- --!><img src=x onerror=alert(1)> -->", "'onerror' attribute"),
    ("<![CDATA[><img src=x onerror=alert(1)>]]>", "'onerror' attribute"),
    ("<![CDATA[><img src=x onerror=alert(1)>]]>", "a <![CDATA[ section is not allowed"),
])
def test_unsafe_html_variants_are_refused(body: str, expected: str) -> None:
    problems = _body_problems(body)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("body", [
    "```html\n<script>alert(1)</script>\n```\n\nAnd `<iframe>` in a sentence is only text.",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- a note for editors -->\n\nText.",
    '??? note "More"\n    Hidden text.',
    "- [ ] a task\n- [x] a done task",
    '<div class="grid cards" markdown>\n\n- **[Sciatica](../conditions/sciatica.md)**\n\n</div>',
    '<figure markdown>\n<svg viewBox="0 0 10 10" role="group" aria-labelledby="t"><title id="t">Map</title>'
    '<defs><clipPath id="c"><path d="M0 0 L5 5 Z"/></clipPath></defs><a href="#t"><ellipse cx="1" cy="1" rx="1" '
    'ry="1"/><text x="1" y="1">A</text></a><use href="#c"/></svg>\n</figure>',
    "Write to [us](mailto:editor@example.org) or call [{{ emergency_number }}](tel:{{ emergency_number }}).",
    "## Heading {#custom}\n\n[back to it](#custom) and <a name=\"here\"></a>[here](#here)",
])
def test_safe_markdown_and_html_pass(body: str) -> None:
    assert _body_problems(body) == []


# --- links as MkDocs resolves them ----------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("[sciatica](/conditions/sciatica.md)", None),                        # absolute: relative to docs/
    ("[S](../conditions/index.md#letter-s) [spine](../conditions/index.md#spine)", None),   # generated A to Z
    ("[sciatica](../conditions/sciatica/)", "is a web address, not a file; link to the page's file instead: "
                                            "'../conditions/sciatica.md'"),
    ("[blog](../blog/)", "points to a folder; link to its page file instead: '../blog/index.md'"),
    ("[email](editor@example.org)", "write it as 'mailto:editor@example.org'"),
    ("[sciatica]()", "a link has an empty address"),
    ("[file](ftp://example.org/x)", "must start with https://"),
    ("[x](//example.org/x)", "must start with https://"),
    ("[S](../conditions/index.md#letter-q)", "'#letter-q' that docs/conditions/index.md does not have"),
    ("[emergency](../emergency.md#call-999)", "did you mean '#call-911-if'?"),
    ('<a href="../emergency.md">emergency</a>', "is written in HTML, so MkDocs does not turn it into the page's "
                                               "web address"),
    ('<img src="../assets/images/lower-spine.svg" alt="The lower spine">', "write it in Markdown: ![what the "
                                                                           "picture shows]("),
    ('<div markdown>\n\n[emergency](../emergency.md)\n\n</div>', None),
    ("[emergency][e]\n\n[e]: ../emergency.md", None),
])
def test_links_resolve_like_mkdocs(body: str, expected: str | None) -> None:
    problems = _body_problems(body)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def test_a_published_page_may_not_link_to_a_draft() -> None:
    post = (SITE / "docs/blog/posts/staying-active.md").read_text(encoding="utf-8")
    draft = content.page_from_text("blog/posts/draft-post.md", post.replace(
        'title: "Staying active with back pain"', 'title: "A draft"\ndraft: true'))
    problems = _body_problems("[draft](../blog/posts/draft-post.md)", extra=(draft,))
    assert any("which is a draft (or dated in the future) and is not published" in p for p in problems)


def test_red_flags_count_only_what_the_editor_wrote() -> None:
    # The A to Z lists "Cauda equina syndrome" if such a page exists; that is generated, not written.
    problems = _body_problems("The L5 nerve root can be pinched.")
    assert any("mentions 'nerve root'" in p and "](../emergency.md)" in p for p in problems)
    assert _body_problems("Cauda equina syndrome is rare. See [the emergency page](../emergency.md).") == []


# --- front matter ---------------------------------------------------------------------------------

def test_front_matter_never_raises_on_values_yaml_cannot_build() -> None:
    for text in ("date: 2026-13-01", "a: !!float abc", "? [a]\n: b", "a: !!timestamp foo", "x: &a [*a]",
                 "title: x\ntitle: y", "\ttitle: x", "title: \"open"):
        parsed = frontmatter.split(f"---\n{text}\n---\nbody\n")
        assert parsed.body == "body\n"
        assert parsed.error is None or parsed.error.line >= 1


def test_front_matter_keeps_the_line_of_every_value() -> None:
    parsed = frontmatter.split("---\ntitle: x\nsources:\n  - title: a\n    url: b\n  - title: c\n---\n")
    assert parsed.value_lines[("sources", 1, "title")] == 6
    assert parsed.value_lines[("sources", 0, "url")] == 5
    page = content.page_from_text("x.md", "---\ntitle: x\nsources:\n  - title: a\n---\n")
    assert page.line_at(("sources", 0, "publisher")) == 4      # missing: the line of its source


def test_every_real_page_type_has_a_schema_and_the_schema_names_fields_plainly() -> None:
    assert set(schema.MODELS) == {"post", "condition", "treatment", "page"}
    post = content.page_from_text("blog/posts/x.md", "---\nTitle: x\nsummary: y\n---\n")
    rules = schema.Rules(page=post, index=validate.Index([post]), today=TODAY)
    messages = [p.message for p in schema_messages.check(post, rules)]
    assert "unknown field 'Title': did you mean 'title'?" in messages
    assert ("'summary' is not used on blog posts (only on condition pages and treatment and test pages); "
            "remove it") in messages


def test_double_quotes_in_a_description_are_refused_because_templates_do_not_escape_them() -> None:
    page = content.page_from_text("about/x.md", "---\ntitle: A\ndescription: 'The \"best\" advice'\n---\nText.\n")
    rules = schema.Rules(page=page, index=validate.Index([page]), today=TODAY)
    [problem] = schema_messages.check(page, rules)
    assert problem.line == 3 and "straight double quote" in problem.message


# --- rendering shortcuts stay faithful ------------------------------------------------------------

def test_reused_renderer_gives_the_same_html_as_a_fresh_one() -> None:
    config = ROOT / "mkdocs.yml"
    names, settings_ = render._renderer_settings(str(config))
    for path in sorted((ROOT / "docs").rglob("*.md"))[:12]:
        body = content.load_page(ROOT / "docs", path).body
        fresh = markdown.Markdown(extensions=list(names), extension_configs=dict(settings_)).convert(body)
        assert render.to_html(body, config) == fresh, path


def test_the_real_site_is_checked_without_internal_errors() -> None:
    config = ROOT / "mkdocs.yml"
    pages = content.load_site(ROOT / "docs")
    report = validate.validate_site(pages, ROOT / "docs", siteconfig.load(config), config)
    assert report.pages == len(pages) > 30
    assert not [p for p in report.errors if "could not be fully checked" in p.message]


# --- the validator never raises: it only reports ----------------------------------------------------

_FIELDS = sorted({f for model in schema.MODELS.values() for f in model.model_fields} | {"categores", "Title", "sourcs"})
_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
            | st.dates() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
            | st.sampled_from(["Symptoms", "Back pain", "editorial", "sciatica", "staying-active", "spine",
                               "https://www.nhs.uk/", "http://x.org", "2026-13-01", "<script>x</script>"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.sampled_from(["title", "publisher", "url", "year", "created", "x"])
                                         | st.text(max_size=6), inner, max_size=4), max_leaves=12)
_FRONT = st.dictionaries(st.sampled_from(_FIELDS) | st.text(max_size=10), _VALUES, max_size=10)
_PIECES = st.sampled_from([
    "## Symptoms", "## What causes it", "## Is it my spine or my foot?", "## How it is diagnosed", "## Treatment",
    "## When to get help", "# A heading", "<!-- more -->", '!!! emergency "Call 911 if:"\n\n    - numbness',
    '!!! urgent', "!!! see-doctr \"x\"\n- y", "[a](../emergency.md)", "[b](missing.md#x)", "[c](#nowhere)",
    "[d](javascript:alert(1))", "[e](http://x.org)", "[f]()", "![](../assets/images/lower-spine.svg)",
    "![g](data:image/png;base64,AA)", "<script>x</script>", "<div onclick=x>y</div>", "<svg><use href=x /></svg>",
    "```\n<iframe>\n```", "```\nunclosed fence", "<div markdown>\n*x*", "cauda equina", "a pinched nerve",
    "Pharmacological interventions demonstrate considerable effectiveness notwithstanding complications.",
    "| a | b |\n|---|---|\n| 1 | 2 |", "Term\n:   definition", "  \t  ", "\x00", "\ufeff", "{#id}", "<",
])
_BODY = st.lists(_PIECES | st.text(max_size=60), max_size=12).map("\n\n".join)
_SRC = st.sampled_from(["blog/posts/fuzz.md", "conditions/fuzz.md", "fuzz.md", "conditions/index.md", "emergency.md"])
_BASE = content.load_site(SITE / "docs")
_CONFIG = SITE / "mkdocs.yml"
_SITE_CONFIG = siteconfig.load(_CONFIG)


def _assert_only_reports(page: content.Page) -> None:
    pages = [p for p in _BASE if p.src != page.src] + [page]
    report = validate.validate_site(pages, SITE / "docs", _SITE_CONFIG, _CONFIG, today=TODAY)
    for problem in report.errors + report.warnings:
        assert isinstance(problem, validate.Problem) and problem.message.strip()
        assert problem.line is None or problem.line >= 1
        assert "could not be fully checked" not in problem.message, problem


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(src=_SRC, meta=_FRONT, body=_BODY)
def test_random_front_matter_and_markdown_are_only_reported(src: str, meta: dict, body: str) -> None:
    try:
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        front = ""
    _assert_only_reports(content.page_from_text(src, f"---\n{front}---\n{body}"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(src=_SRC, raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: ("---\n" + t).encode()))
def test_random_bytes_are_only_reported(src: str, raw: bytes) -> None:
    text, problem = content.decode(raw)
    _assert_only_reports(content.page_from_text(src, text, problem))
