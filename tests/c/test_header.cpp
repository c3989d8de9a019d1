// The C header must also be valid C++ (g++ -std=c++17, and -std=c++11 for syntax, both with
// -Wall -Wextra -Werror -pedantic), with C linkage for its functions, and usable from C++ code:
// this program includes it, checks a few compile-time facts, and makes a lookup through the
// embedded dictionary.
#include "dicom_map.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <type_traits>

static_assert(DMAP_ABI_VERSION >= 1, "the ABI version is a positive integer");
static_assert(DMAP_OK == 0, "success is zero, so `if (status)` tests for failure");
static_assert(std::is_trivially_copyable<dmap_entry>::value, "entries are plain data");
static_assert(std::is_standard_layout<dmap_entry>::value, "entries have C layout");

namespace {

// The ownership rule of the header, as a C++ type: the dictionary is released exactly once.
struct Closer {
    void operator()(dmap_dict *d) const noexcept { dmap_close(d); }
};
using Dict = std::unique_ptr<dmap_dict, Closer>;

}  // namespace

int main() {
    if (dmap_abi_version() != DMAP_ABI_VERSION) {
        std::fprintf(stderr, "ABI mismatch\n");
        return 1;
    }
    dmap_status status = DMAP_ERR_PANIC;
    Dict dict(dmap_open_embedded(&status));
    if (!dict || status != DMAP_OK) {
        std::fprintf(stderr, "open: %s\n", dmap_last_error_message());
        return 1;
    }
    dmap_entry entry{};
    if (dmap_lookup(dict.get(), 0x0008, 0x0005, nullptr, &entry) != DMAP_OK ||
        std::strcmp(entry.keyword, "SpecificCharacterSet") != 0 || std::strcmp(entry.vr, "CS") != 0) {
        std::fprintf(stderr, "lookup of (0008,0005) failed\n");
        return 1;
    }
    std::uint16_t group = 0, element = 0;
    if (dmap_tag_for_keyword(dict.get(), "SpecificCharacterSet", &group, &element) != DMAP_OK ||
        group != 0x0008 || element != 0x0005) {
        std::fprintf(stderr, "keyword lookup failed\n");
        return 1;
    }
    std::printf("C++: (%04X,%04X) %s %s %s\n", entry.group, entry.element, entry.keyword, entry.vr,
                dmap_kind_name(entry.kind));
    return 0;
}
