/*
 * Tests of the dicom-map C API (dicom-map-ffi/include/dicom_map.h), run by `make test-c` under
 * valgrind. Built with: gcc -std=c99 -Wall -Wextra -Werror -pedantic ... -pthread
 *
 * Usage: test_dicom_map PATH/TO/tags.dmap
 *
 * The dictionary is the real bundled one, so the checks are facts that stay true as it grows:
 * (0008,0005) is SpecificCharacterSet, CS; (0029,xx10) of "SIEMENS CSA HEADER" is the CSA image
 * header, found by full element, by low byte, in any block, and by a folded creator spelling.
 * Corrupt copies are made in a fresh temporary directory, which is removed at the end.
 */
#define _POSIX_C_SOURCE 200809L

#include "dicom_map.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int checks = 0;
static int failures = 0;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        checks++;                                                                      \
        if (!(cond)) {                                                                 \
            failures++;                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                              \
    } while (0)

#define CHECK_STR(actual, expected)                                                          \
    do {                                                                                     \
        const char *a_ = (actual);                                                           \
        const char *e_ = (expected);                                                         \
        checks++;                                                                            \
        if (a_ == NULL || strcmp(a_, e_) != 0) {                                             \
            failures++;                                                                      \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s is \"%s\", expected \"%s\"\n",     \
                    __FILE__, __LINE__, #actual, a_ ? a_ : "(NULL)", e_);                    \
        }                                                                                    \
    } while (0)

#define CHECK_STATUS(call, expected)                                                     \
    do {                                                                                 \
        dmap_status s_ = (call);                                                         \
        checks++;                                                                        \
        if (s_ != (expected)) {                                                          \
            failures++;                                                                  \
            fprintf(stderr, "%s:%d: %s gave %d (%s), expected %s; last error: %s\n",     \
                    __FILE__, __LINE__, #call, (int)s_, dmap_status_message((int)s_),    \
                    #expected, dmap_last_error_message());                               \
        }                                                                                \
    } while (0)

/* Every string of an entry is non-NULL (the API promises "" rather than NULL). */
static int entry_strings_ok(const dmap_entry *e) {
    return e->keyword && e->name && e->vr && e->vm && e->description && e->creator && e->vendor &&
           e->sources;
}

/* ------------------------------------------------------------------------------------------ */

static void test_versions_and_messages(void) {
    int s;
    CHECK(dmap_abi_version() == DMAP_ABI_VERSION);
    CHECK(dmap_version() != NULL && strlen(dmap_version()) > 0);
    for (s = DMAP_OK; s <= DMAP_ERR_PANIC; s++) {
        int t;
        CHECK(dmap_status_message(s) != NULL && strlen(dmap_status_message(s)) > 0);
        for (t = DMAP_OK; t < s; t++) CHECK(strcmp(dmap_status_message(s), dmap_status_message(t)) != 0);
    }
    CHECK_STR(dmap_status_message(DMAP_OK), "ok");
    CHECK_STR(dmap_status_message(DMAP_NOT_FOUND), "not found");
    CHECK_STR(dmap_status_message(-1), "unknown status");
    CHECK_STR(dmap_status_message(1000), "unknown status");
    CHECK_STR(dmap_kind_name(DMAP_KIND_PUBLIC), "public");
    CHECK_STR(dmap_kind_name(DMAP_KIND_PRIVATE_REPEATER), "private-repeater");
    CHECK_STR(dmap_kind_name(0), "unknown");
    CHECK(dmap_last_error_message() != NULL);
}

static void test_hits(const dmap_dict *d) {
    dmap_entry e;
    const char *edition = dmap_edition(d);
    CHECK(edition != NULL && strlen(edition) > 0);

    CHECK_STATUS(dmap_lookup(d, 0x0008, 0x0005, NULL, &e), DMAP_OK);
    CHECK(e.group == 0x0008 && e.element == 0x0005);
    CHECK(e.kind == DMAP_KIND_PUBLIC);
    CHECK_STR(e.keyword, "SpecificCharacterSet");
    CHECK_STR(e.name, "Specific Character Set");
    CHECK_STR(e.vr, "CS");
    CHECK_STR(e.vm, "1-n");
    CHECK_STR(e.creator, "");
    CHECK_STR(e.vendor, "");
    CHECK(strlen(e.sources) > 0);
    CHECK(e.creator_match == DMAP_CREATOR_NONE);
    CHECK(!e.retired && !e.keyword_generated && !e.block_offset && e.block == 0);
    CHECK(e.entry_id != UINT32_MAX);
    CHECK(e.vr_bits == (1u << 3)); /* bit 3 = CS */
    CHECK(entry_strings_ok(&e));

    /* A public tag ignores a creator. */
    {
        dmap_entry f;
        CHECK_STATUS(dmap_lookup(d, 0x0008, 0x0005, "SIEMENS CSA HEADER", &f), DMAP_OK);
        CHECK(f.entry_id == e.entry_id && f.keyword == e.keyword);
    }

    /* A multi-VR entry: the VR text is built once per dictionary (the file stores a bit set). */
    CHECK_STATUS(dmap_lookup(d, 0x0028, 0x0106, NULL, &e), DMAP_OK);
    CHECK_STR(e.keyword, "SmallestImagePixelValue");
    CHECK_STR(e.vr, "US or SS");

    /* Repeating group. */
    CHECK_STATUS(dmap_lookup(d, 0x6002, 0x3000, NULL, &e), DMAP_OK);
    CHECK(e.kind == DMAP_KIND_REPEATER);
    CHECK(e.group == 0x6002 && e.element == 0x3000);
    CHECK_STR(e.keyword, "OverlayData");
    CHECK_STR(e.vr, "OB or OW");

    /* Synthetic entries of private groups. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x0000, NULL, &e), DMAP_OK);
    CHECK(e.kind == DMAP_KIND_GROUP_LENGTH && e.entry_id == UINT32_MAX);
    CHECK_STR(e.vr, "UL");
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x0010, NULL, &e), DMAP_OK);
    CHECK(e.kind == DMAP_KIND_PRIVATE_CREATOR && e.entry_id == UINT32_MAX);
    CHECK_STR(e.vr, "LO");
    CHECK(entry_strings_ok(&e));

    /* Keywords. */
    {
        uint16_t g = 0, el = 0;
        CHECK_STATUS(dmap_tag_for_keyword(d, "SpecificCharacterSet", &g, &el), DMAP_OK);
        CHECK(g == 0x0008 && el == 0x0005);
        CHECK_STATUS(dmap_lookup_keyword(d, "SpecificCharacterSet", NULL, &e), DMAP_OK);
        CHECK(e.group == 0x0008 && e.element == 0x0005 && e.kind == DMAP_KIND_PUBLIC);
        CHECK_STATUS(dmap_tag_for_keyword(d, "OverlayData", &g, &el), DMAP_OK);
        CHECK(g == 0x6000 && el == 0x3000);
    }
}

static void test_private(const dmap_dict *d) {
    dmap_entry full, low, other_block, padded, folded, by_kw;
    const char *csa = "SIEMENS CSA HEADER";

    /* (0029,1010) with (0029,0010) = "SIEMENS CSA HEADER": the CSA image header, (0029,xx10). */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, csa, &full), DMAP_OK);
    CHECK(full.kind == DMAP_KIND_PRIVATE);
    CHECK(full.group == 0x0029 && full.element == 0x1010);
    CHECK_STR(full.creator, csa);
    CHECK(strstr(full.name, "CSA Image Header Info") != NULL);
    CHECK(strstr(full.vr, "OB") != NULL);
    CHECK(strlen(full.keyword) > 0);
    CHECK(full.block_offset && full.block == 0);
    CHECK(full.creator_match == DMAP_CREATOR_EXACT);
    CHECK(full.entry_id != UINT32_MAX);
    CHECK(entry_strings_ok(&full));

    /* The same element by its low byte, and in another block the creator may reserve. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x0010, csa, &low), DMAP_OK);
    CHECK(low.entry_id == full.entry_id);
    CHECK(low.element == 0x0010);
    CHECK(low.keyword == full.keyword && low.name == full.name && low.vr == full.vr);
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1110, csa, &other_block), DMAP_OK);
    CHECK(other_block.entry_id == full.entry_id);

    /* DICOM pads values with spaces (and some writers with NULs): ignored. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "SIEMENS CSA HEADER ", &padded), DMAP_OK);
    CHECK(padded.entry_id == full.entry_id && padded.creator_match == DMAP_CREATOR_EXACT);

    /* An unknown spelling that folds to a known one. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "siemens  csa header", &folded), DMAP_OK);
    CHECK(folded.entry_id == full.entry_id && folded.creator_match == DMAP_CREATOR_FOLDED);
    CHECK_STR(folded.creator, csa);

    /* Another Siemens creator: (0019,xx0C) of "SIEMENS MR HEADER" (the diffusion b-value). */
    {
        dmap_entry a, b;
        CHECK_STATUS(dmap_lookup(d, 0x0019, 0x100C, "SIEMENS MR HEADER", &a), DMAP_OK);
        CHECK_STATUS(dmap_lookup(d, 0x0019, 0x000C, "SIEMENS MR HEADER", &b), DMAP_OK);
        CHECK(a.kind == DMAP_KIND_PRIVATE && a.entry_id == b.entry_id);
        CHECK_STR(a.creator, "SIEMENS MR HEADER");
        CHECK(strlen(a.vr) > 0 && strlen(a.keyword) > 0);
    }

    /* The entry's keyword leads back to it, with and without the creator. */
    CHECK_STATUS(dmap_lookup_keyword(d, full.keyword, csa, &by_kw), DMAP_OK);
    CHECK(by_kw.entry_id == full.entry_id && by_kw.creator_match == DMAP_CREATOR_EXACT);
    CHECK(by_kw.group == 0x0029 && by_kw.element == 0x0010);
    CHECK_STATUS(dmap_lookup_keyword(d, full.keyword, "siemens csa header", &by_kw), DMAP_OK);
    CHECK(by_kw.entry_id == full.entry_id && by_kw.creator_match == DMAP_CREATOR_FOLDED);
    CHECK_STATUS(dmap_lookup_keyword(d, full.keyword, "NO SUCH CREATOR", &by_kw), DMAP_NOT_FOUND);

    /* A creator or keyword that is not UTF-8 is an invalid argument, not a miss. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "SIEMENS \xff", &full), DMAP_ERR_INVALID_ARG);
    CHECK(strstr(dmap_last_error_message(), "creator is not valid UTF-8") != NULL);
    CHECK_STATUS(dmap_lookup_keyword(d, "Specific\xff", NULL, &full), DMAP_ERR_INVALID_ARG);
    CHECK_STATUS(dmap_lookup_keyword(d, "SpecificCharacterSet", "\xc3", &full), DMAP_ERR_INVALID_ARG);
    {
        uint16_t g = 0, el = 0;
        CHECK_STATUS(dmap_tag_for_keyword(d, "\xff", &g, &el), DMAP_ERR_INVALID_ARG);
        CHECK(strstr(dmap_last_error_message(), "keyword is not valid UTF-8") != NULL);
    }
}

static void test_misses(const dmap_dict *d) {
    dmap_entry e;
    uint16_t g = 0xAAAA, el = 0xBBBB;
    memset(&e, 0x5A, sizeof e);
    /* Not defined by PS3.6. */
    CHECK_STATUS(dmap_lookup(d, 0x0008, 0x0003, NULL, &e), DMAP_NOT_FOUND);
    /* A private element with no creator, or an unknown one. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, NULL, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "NO SUCH CREATOR", &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "", &e), DMAP_NOT_FOUND);
    /* Reserved elements of a private group. */
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x0005, NULL, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x0100, "SIEMENS CSA HEADER", &e), DMAP_NOT_FOUND);
    /* A private group never falls through to the repeating groups: (6001,3000) is not the
     * (60xx,3000) Overlay Data, with or without a creator. */
    CHECK_STATUS(dmap_lookup(d, 0x6001, 0x3000, NULL, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup(d, 0x6001, 0x3000, "NO SUCH CREATOR", &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup(d, 0x6001, 0x3000, "SIEMENS CSA HEADER", &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup_keyword(d, "NoSuchKeywordAnywhere", NULL, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_lookup_keyword(d, "", NULL, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_tag_for_keyword(d, "specificcharacterset", &g, &el), DMAP_NOT_FOUND);
    /* Outputs are untouched by a miss. */
    {
        dmap_entry untouched;
        memset(&untouched, 0x5A, sizeof untouched);
        CHECK(memcmp(&e, &untouched, sizeof e) == 0);
        CHECK(g == 0xAAAA && el == 0xBBBB);
    }
}

static void test_iteration(const dmap_dict *d) {
    size_t n = 0, i, public_count = 0, private_count = 0, generated = 0, round_trips = 0;
    size_t private_one_group = 0, shadowed = 0;
    dmap_entry e;
    CHECK_STATUS(dmap_count(d, &n), DMAP_OK);
    CHECK(n > 5000); /* PS3.6 alone has more than 5000 public tags */
    for (i = 0; i < n; i++) {
        dmap_entry back;
        if (dmap_entry_at(d, i, &e) != DMAP_OK) {
            CHECK(!"dmap_entry_at failed inside the count");
            break;
        }
        if (e.entry_id != i || !entry_strings_ok(&e) || e.confidence > 100) {
            CHECK(!"entry fields");
            fprintf(stderr, "  entry %zu: id %u\n", i, (unsigned)e.entry_id);
            break;
        }
        if (e.kind == DMAP_KIND_PUBLIC) public_count++;
        if (e.kind == DMAP_KIND_PRIVATE) private_one_group++;
        if (e.kind == DMAP_KIND_PRIVATE || e.kind == DMAP_KIND_PRIVATE_REPEATER) {
            private_count++;
            if (e.creator[0] == '\0' || e.creator_match != DMAP_CREATOR_EXACT) {
                CHECK(!"a private entry without its creator");
                break;
            }
        }
        if (e.keyword_generated) {
            generated++;
            if (e.keyword[0] == '\0') {
                CHECK(!"a generated keyword is empty");
                break;
            }
        }
        if (e.vr_bits != 0 && e.vr[0] == '\0') {
            CHECK(!"a VR set without text");
            break;
        }
        /* Every public and private entry is found again by looking it up under its key. */
        if (e.kind == DMAP_KIND_PUBLIC || e.kind == DMAP_KIND_PRIVATE) {
            const char *creator = e.kind == DMAP_KIND_PRIVATE ? e.creator : NULL;
            /* (gggg,xx00) asked as 0x0000 would mean the group length: ask in block 0x10, where
             * a block-specific entry (gggg,1000) of the same creator may shadow it. */
            int in_block = e.kind == DMAP_KIND_PRIVATE && e.block_offset && e.element == 0;
            uint16_t element = in_block ? 0x1000 : e.element;
            dmap_status st = dmap_lookup(d, e.group, element, creator, &back);
            if (st == DMAP_OK && back.entry_id == e.entry_id && back.keyword == e.keyword) {
                round_trips++;
            } else if (in_block && st == DMAP_OK && back.kind == DMAP_KIND_PRIVATE && !back.block_offset &&
                       strcmp(back.creator, e.creator) == 0) {
                shadowed++;
            } else {
                fprintf(stderr, "  entry %zu (%04X,%04X) %s does not round-trip\n", i, e.group,
                        e.element, e.creator);
            }
        }
        /* Its keyword leads back to an entry with the same keyword. */
        if (e.keyword[0] != '\0' && (i % 7) == 0) {
            const char *creator = e.creator[0] ? e.creator : NULL;
            if (dmap_lookup_keyword(d, e.keyword, creator, &back) != DMAP_OK ||
                strcmp(back.keyword, e.keyword) != 0) {
                CHECK(!"keyword lookup of a listed keyword");
                fprintf(stderr, "  entry %zu keyword %s creator %s\n", i, e.keyword, e.creator);
                break;
            }
            if (creator != NULL) CHECK(back.entry_id == e.entry_id);
        }
    }
    CHECK(i == n);
    CHECK(public_count > 5000 && private_count > 0 && generated > 0);
    CHECK(round_trips + shadowed == public_count + private_one_group);
    CHECK(shadowed < 50);
    memset(&e, 0, sizeof e);
    CHECK_STATUS(dmap_entry_at(d, n, &e), DMAP_NOT_FOUND);
    CHECK_STATUS(dmap_entry_at(d, (size_t)-1, &e), DMAP_NOT_FOUND);
    CHECK(e.keyword == NULL);
    CHECK_STATUS(dmap_verify(d), DMAP_OK);
}

/* ------------------------------------------------------------------------------------------ */
/* NULL arguments: every function, every pointer parameter. */

static void expect_null_message(const char *function) {
    CHECK(strstr(dmap_last_error_message(), function) != NULL);
    CHECK(strstr(dmap_last_error_message(), "NULL") != NULL);
}

static void test_null_arguments(const dmap_dict *d) {
    dmap_status st = DMAP_OK;
    dmap_entry e;
    size_t n = 0;
    uint16_t g = 0, el = 0;

    CHECK(dmap_open(NULL, &st) == NULL);
    CHECK(st == DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_open");
    CHECK(dmap_open(NULL, NULL) == NULL);
    dmap_close(NULL);

    CHECK_STATUS(dmap_verify(NULL), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_verify");
    CHECK(dmap_edition(NULL) == NULL);
    expect_null_message("dmap_edition");

    CHECK_STATUS(dmap_count(NULL, &n), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_count");
    CHECK_STATUS(dmap_count(d, NULL), DMAP_ERR_NULL_ARG);

    CHECK_STATUS(dmap_entry_at(NULL, 0, &e), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_entry_at");
    CHECK_STATUS(dmap_entry_at(d, 0, NULL), DMAP_ERR_NULL_ARG);

    CHECK_STATUS(dmap_lookup(NULL, 0x0008, 0x0005, NULL, &e), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_lookup");
    CHECK_STATUS(dmap_lookup(d, 0x0008, 0x0005, NULL, NULL), DMAP_ERR_NULL_ARG);
    CHECK_STATUS(dmap_lookup(d, 0x0029, 0x1010, "SIEMENS CSA HEADER", NULL), DMAP_ERR_NULL_ARG);

    CHECK_STATUS(dmap_lookup_keyword(NULL, "SpecificCharacterSet", NULL, &e), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_lookup_keyword");
    CHECK_STATUS(dmap_lookup_keyword(d, NULL, NULL, &e), DMAP_ERR_NULL_ARG);
    CHECK_STATUS(dmap_lookup_keyword(d, "SpecificCharacterSet", NULL, NULL), DMAP_ERR_NULL_ARG);

    CHECK_STATUS(dmap_tag_for_keyword(NULL, "SpecificCharacterSet", &g, &el), DMAP_ERR_NULL_ARG);
    expect_null_message("dmap_tag_for_keyword");
    CHECK_STATUS(dmap_tag_for_keyword(d, NULL, &g, &el), DMAP_ERR_NULL_ARG);
    CHECK_STATUS(dmap_tag_for_keyword(d, "SpecificCharacterSet", NULL, &el), DMAP_ERR_NULL_ARG);
    CHECK_STATUS(dmap_tag_for_keyword(d, "SpecificCharacterSet", &g, NULL), DMAP_ERR_NULL_ARG);

    /* Optional arguments: a NULL status for the openers, a NULL creator for the lookups. */
    {
        dmap_dict *embedded = dmap_open_embedded(NULL);
        CHECK(embedded != NULL);
        dmap_close(embedded);
        CHECK_STATUS(dmap_lookup_keyword(d, "SpecificCharacterSet", NULL, &e), DMAP_OK);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Corrupt files, written to a temporary directory. */

static uint32_t crc32_of(const unsigned char *p, size_t n) {
    uint32_t crc = 0xFFFFFFFFu;
    size_t i;
    int k;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static uint32_t get32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Recomputes both CRCs, so that only the deliberate damage remains. */
static void reseal(unsigned char *b, size_t n) {
    put32(b + 32, crc32_of(b + 64, n - 64));
    put32(b + 60, crc32_of(b, 60));
}

static unsigned char *read_file(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long len;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static int write_file(const char *path, const unsigned char *b, size_t n) {
    FILE *f = fopen(path, "wb");
    int ok;
    if (!f) return 0;
    ok = fwrite(b, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

/* Writes `b[0..n)` to dir/name, opens it, and checks the status; returns the message. */
static void expect_open_fails(const char *dir, const char *name, const unsigned char *b, size_t n,
                              dmap_status expected, const char *message_part) {
    char path[4096];
    dmap_status st = DMAP_OK;
    dmap_dict *d;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK(write_file(path, b, n));
    d = dmap_open(path, &st);
    checks++;
    if (d != NULL || st != expected || strstr(dmap_last_error_message(), message_part) == NULL) {
        failures++;
        fprintf(stderr, "%s: open gave %p, status %d (%s), message \"%s\"; expected status %d and \"%s\"\n",
                name, (void *)d, (int)st, dmap_status_message((int)st), dmap_last_error_message(),
                (int)expected, message_part);
    }
    dmap_close(d);
    unlink(path);
}

static void test_corrupt_files(const char *good_path) {
    char dir[] = "/tmp/dmap-c-test-XXXXXX";
    size_t n = 0, i, count;
    unsigned char *good = read_file(good_path, &n), *bad;
    dmap_status st = DMAP_OK;
    CHECK(good != NULL && n > 64);
    if (good == NULL || n <= 64) return;
    CHECK(mkdtemp(dir) != NULL);
    bad = malloc(n + 1);

    /* Missing file, a directory, an empty file, text. */
    {
        char path[4096];
        snprintf(path, sizeof path, "%s/missing.dmap", dir);
        CHECK(dmap_open(path, &st) == NULL && st == DMAP_ERR_IO);
        CHECK(strstr(dmap_last_error_message(), "missing.dmap") != NULL);
        CHECK(dmap_open(dir, &st) == NULL && st == DMAP_ERR_IO);
    }
    expect_open_fails(dir, "empty.dmap", good, 0, DMAP_ERR_FORMAT, "truncated");
    expect_open_fails(dir, "text.dmap", (const unsigned char *)"hello, world\n", 13, DMAP_ERR_FORMAT, "");

    /* Truncated to half, and with one byte appended. */
    expect_open_fails(dir, "half.dmap", good, n / 2, DMAP_ERR_FORMAT, "truncated");
    memcpy(bad, good, n);
    bad[n] = 0;
    expect_open_fails(dir, "longer.dmap", bad, n + 1, DMAP_ERR_FORMAT, "");

    /* One flipped byte in the middle of the body: the body CRC-32 catches it at open. */
    memcpy(bad, good, n);
    bad[n / 2] ^= 0x40;
    expect_open_fails(dir, "flipped-body.dmap", bad, n, DMAP_ERR_CHECKSUM, "checksum");

    /* One flipped byte in the header's counts: the header CRC-32 catches it. */
    memcpy(bad, good, n);
    bad[40] ^= 0x01;
    expect_open_fails(dir, "flipped-header.dmap", bad, n, DMAP_ERR_CHECKSUM, "checksum");

    /* Bad magic. */
    memcpy(bad, good, n);
    bad[1] = 'X';
    expect_open_fails(dir, "magic.dmap", bad, n, DMAP_ERR_FORMAT, "not a .dmap");

    /* A newer format version, correctly checksummed: refused with both versions named. */
    memcpy(bad, good, n);
    put32(bad + 12, 99);
    reseal(bad, n);
    expect_open_fails(dir, "v99.dmap", bad, n, DMAP_ERR_VERSION, "99");

    /* Correct checksums but a string reference past the pool: found by the verification that
     * dmap_open runs, so the file fails at open rather than giving wrong strings later. */
    memcpy(bad, good, n);
    count = get32(bad + 20);
    for (i = 0; i < count && 64 + 24 * i + 24 <= n; i++) {
        const unsigned char *row = bad + 64 + 24 * i;
        if (memcmp(row, "PUBL", 4) == 0) {
            size_t offset = (size_t)get32(row + 8); /* u64 offset; files are < 4 GiB */
            if (offset + 12 <= n) put32(bad + offset + 4, 0xFFFFFFF0u); /* PUBL[0].name */
        }
    }
    reseal(bad, n);
    expect_open_fails(dir, "bad-reference.dmap", bad, n, DMAP_ERR_FORMAT, "PUBL");

    free(bad);
    free(good);
    CHECK(rmdir(dir) == 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Four threads looking up at once must see exactly what one thread sees. */

#define THREADS 4

typedef struct {
    const dmap_dict *dict;
    pthread_barrier_t *start;
    uint64_t text_hash;    /* of every field's value */
    uint64_t pointer_hash; /* of every string's address: borrowed strings are shared */
    size_t lookups;
} worker;

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static void hash_entry(worker *w, dmap_status st, const dmap_entry *e) {
    const char *strings[8];
    int i, kind = (int)e->kind, match = (int)e->creator_match;
    unsigned char flags[7];
    w->text_hash = fnv(w->text_hash, &st, sizeof st);
    if (st != DMAP_OK) return;
    strings[0] = e->keyword;
    strings[1] = e->name;
    strings[2] = e->vr;
    strings[3] = e->vm;
    strings[4] = e->description;
    strings[5] = e->creator;
    strings[6] = e->vendor;
    strings[7] = e->sources;
    for (i = 0; i < 8; i++) {
        w->text_hash = fnv(w->text_hash, strings[i], strlen(strings[i]) + 1);
        w->pointer_hash = fnv(w->pointer_hash, &strings[i], sizeof strings[i]);
    }
    flags[0] = e->retired;
    flags[1] = e->conflict;
    flags[2] = e->keyword_generated;
    flags[3] = e->block_offset;
    flags[4] = e->has_real_name;
    flags[5] = e->confidence;
    flags[6] = e->block;
    w->text_hash = fnv(w->text_hash, flags, sizeof flags);
    w->text_hash = fnv(w->text_hash, &e->group, sizeof e->group);
    w->text_hash = fnv(w->text_hash, &e->element, sizeof e->element);
    w->text_hash = fnv(w->text_hash, &e->entry_id, sizeof e->entry_id);
    w->text_hash = fnv(w->text_hash, &e->vr_bits, sizeof e->vr_bits);
    w->text_hash = fnv(w->text_hash, &kind, sizeof kind);
    w->text_hash = fnv(w->text_hash, &match, sizeof match);
}

static void *work(void *arg) {
    static const struct {
        uint16_t group, element;
        const char *creator;
    } probes[] = {
        {0x0008, 0x0005, NULL},
        {0x0028, 0x0106, NULL},
        {0x6002, 0x3000, NULL},
        {0x0029, 0x1010, "SIEMENS CSA HEADER"},
        {0x0029, 0x0010, "SIEMENS CSA HEADER"},
        {0x0029, 0x1010, "siemens csa header"},
        {0x0019, 0x100C, "SIEMENS MR HEADER"},
        {0x0029, 0x0000, NULL},
        {0x0029, 0x0010, NULL},
        {0x0008, 0x0003, NULL},
        {0x0029, 0x1010, NULL},
    };
    worker *w = arg;
    size_t n = 0, i, p;
    dmap_entry e;
    pthread_barrier_wait(w->start);
    dmap_count(w->dict, &n);
    for (i = 0; i < n; i++) {
        dmap_entry back;
        dmap_status st = dmap_entry_at(w->dict, i, &e);
        hash_entry(w, st, &e);
        st = dmap_lookup(w->dict, e.group, e.element, e.creator[0] ? e.creator : NULL, &back);
        hash_entry(w, st, &back);
        w->lookups += 2;
        for (p = 0; p < sizeof probes / sizeof probes[0]; p++) {
            if ((i + p) % 64 != 0) continue;
            st = dmap_lookup(w->dict, probes[p].group, probes[p].element, probes[p].creator, &back);
            hash_entry(w, st, &back);
            w->lookups++;
        }
    }
    return NULL;
}

static void test_threads(const dmap_dict *d) {
    pthread_t threads[THREADS];
    worker workers[THREADS + 1];
    pthread_barrier_t start;
    int i;
    memset(workers, 0, sizeof workers);
    CHECK(pthread_barrier_init(&start, NULL, THREADS) == 0);
    for (i = 0; i <= THREADS; i++) {
        workers[i].dict = d;
        workers[i].start = &start;
        workers[i].text_hash = workers[i].pointer_hash = 14695981039346656037ull;
    }
    for (i = 0; i < THREADS; i++) CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    for (i = 0; i < THREADS; i++) CHECK(pthread_join(threads[i], NULL) == 0);
    pthread_barrier_destroy(&start);

    /* The reference: the same work on this thread alone, afterwards. */
    {
        pthread_barrier_t solo;
        CHECK(pthread_barrier_init(&solo, NULL, 1) == 0);
        workers[THREADS].start = &solo;
        work(&workers[THREADS]);
        pthread_barrier_destroy(&solo);
    }
    CHECK(workers[THREADS].lookups > 10000);
    for (i = 0; i < THREADS; i++) {
        CHECK(workers[i].lookups == workers[THREADS].lookups);
        CHECK(workers[i].text_hash == workers[THREADS].text_hash);
        CHECK(workers[i].pointer_hash == workers[THREADS].pointer_hash);
    }
    printf("threads: %d x %zu lookups, identical results\n", THREADS, workers[0].lookups);
}

/* ------------------------------------------------------------------------------------------ */

static void test_embedded(const dmap_dict *file) {
    dmap_status st = DMAP_ERR_PANIC;
    dmap_dict *d = dmap_open_embedded(&st);
    size_t a = 0, b = 1;
    dmap_entry e;
    CHECK(d != NULL && st == DMAP_OK);
    if (d == NULL) return;
    CHECK_STATUS(dmap_count(d, &a), DMAP_OK);
    CHECK_STATUS(dmap_count(file, &b), DMAP_OK);
    CHECK(a == b); /* the build embeds the same dicom-map/tags.dmap */
    CHECK_STATUS(dmap_lookup(d, 0x0008, 0x0005, NULL, &e), DMAP_OK);
    CHECK_STR(e.keyword, "SpecificCharacterSet");
    CHECK_STATUS(dmap_verify(d), DMAP_OK);
    dmap_close(d);
}

int main(int argc, char **argv) {
    dmap_status st = DMAP_ERR_PANIC;
    dmap_dict *d;
    if (argc != 2) {
        fprintf(stderr, "usage: %s PATH/TO/tags.dmap\n", argv[0]);
        return 2;
    }
    if (dmap_abi_version() != DMAP_ABI_VERSION) {
        fprintf(stderr, "ABI mismatch: header %d, library %u\n", DMAP_ABI_VERSION, dmap_abi_version());
        return 1;
    }
    d = dmap_open(argv[1], &st);
    if (d == NULL) {
        fprintf(stderr, "cannot open %s: %s (%s)\n", argv[1], dmap_status_message((int)st),
                dmap_last_error_message());
        return 1;
    }
    CHECK(st == DMAP_OK);

    test_versions_and_messages();
    test_hits(d);
    test_private(d);
    test_misses(d);
    test_iteration(d);
    test_null_arguments(d);
    test_corrupt_files(argv[1]);
    test_embedded(d);
    test_threads(d);

    dmap_close(d);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
