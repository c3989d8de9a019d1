"""Every phenomenon the generator varies, with what it means: one report line each.

Names are attached to truths (section and row level) and to documents; :mod:`.score` reports the
scores over the truths that carry each name. The groups follow issue 9's list.
"""

from __future__ import annotations

PHENOMENA: dict[str, str] = {
    # column set and order
    "tag-first": "the tag column comes first",
    "tag-not-first": "Attribute Name | Tag | VR ...: the tag column is not first",
    "split-group-element": "group and element in separate columns",
    "element-XX04": "split columns, element written XX04",
    "element-xx04": "split columns, element written xx04",
    "element-1004": "split columns, element written 1004 (block fixed)",
    "element-04": "split columns, element written 04",
    "group-empty-continuing": "split columns, the group cell left empty on continuing rows",
    "vm-column": "a VM column is printed",
    "no-vm-column": "no VM column",
    "type-column": "a Type column (1, 1C, 2, 2C, 3)",
    "value-column": "a Value / Defined Terms column",
    "description-column": "a description column",
    "no-header": "no header row at all",
    "header-upper": "header words in capitals",
    "header-not-bold": "header row in the body font",
    "header-shaded": "header row on a grey background",
    "header-centred": "header cells centred",
    # tag notations
    "notation-paren": "(0019,100C)",
    "notation-xx": "(0019,xx0C) or (0019,XX0C)",
    "notation-bare": "0019,100C without parentheses",
    "notation-space": "(0019, 100C) with a space",
    "notation-lower": "lower-case hex (001b,10ab)",
    "notation-colon": "(F001:F103)",
    "range": "ranges (0019,1610) . . . (0019,167F), -, to",
    # creator placement and wording
    "creator-heading": "creator in a heading above the table",
    "creator-sentence": "creator in a sentence some lines above the table",
    "creator-earlier-page": "creator stated on an earlier page than the table",
    "creator-reservation-value": "creator in a (gggg,0010) row's Value column",
    "creator-reservation-description": "creator in a (gggg,0010) row's Description column",
    "creator-reservation-wrapped": "the reservation row's creator wrapped inside its cell",
    "creator-column": "creator in a per-row column (Private Owner Code)",
    "creator-column-once": "creator column printed only on the first row of a run",
    "creator-quoted": "creator printed in quotes (straight or curly)",
    "two-blocks": "two creators reserved in one group, (gggg,0010) and (gggg,0011)",
    "creator-period": "creator ending in a period (Canon Inc.)",
    "creator-space": "creator with spaces",
    "creator-underscore": "creator with underscores",
    "creator-digits": "creator with digits",
    "several-creators-page": "several creators' tables on one page",
    "mixed-public": "module table mixing public and private attributes",
    # distractors
    "distractor-continued": "'continued' captions on later pages",
    "distractor-set-to": "'Set to <another creator>' in a cell",
    "distractor-reserves-range": "'Reserves the (gggg,BBxx) Range' text",
    "distractor-caption-words": "a caption with extra words that is not the creator",
    "distractor-sequence-item": "'>' sequence item rows and header-like '>Name' cells",
    "distractor-tag-in-text": "descriptions citing other tags: 'See also (0019,1010).'",
    # layout
    "rules-grid": "fully ruled table",
    "rules-partial": "partly ruled: horizontal rules, a box, or a rule under the header",
    "rules-borderless": "no rules at all",
    "rows-shaded": "body rows on alternating grey backgrounds",
    "name-wrapped": "names wrapped over 2-3 lines",
    "valign-middle": "cells centred vertically: text above and below the tag's line",
    "long-description": "long descriptions of several lines",
    "page-break": "the table runs over a page break",
    "page-break-header-repeated": "header repeated after the page break",
    "page-break-header-omitted": "header not repeated after the page break",
    "landscape": "landscape page",
    "letter": "US letter page",
    "a4": "A4 page",
    "font-Helvetica": "Helvetica",
    "font-Times": "Times",
    "font-Courier": "Courier",
    "font-Vera": "Bitstream Vera, an embedded TrueType font",
    "small-font": "body text below 7.5 pt",
    "text-no-spaces": "no space glyphs: words set apart by moving the pen (TJ offsets)",
    "text-letter-spaced": "no space glyphs, and headings letter-spaced (Tc up to 0.3 em)",
    # the split
    "heldout-style": "a section in one of the held-out styles (held-out seeds only)",
}
