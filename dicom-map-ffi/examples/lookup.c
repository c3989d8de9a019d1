/* Look DICOM tags up with dicom-map from C.
 *
 *   ./lookup                     use the dictionary compiled into the library
 *   ./lookup dicom-map/tags.dmap      use a .dmap file
 */
#include <stdio.h>

#include "dicom_map.h"

static void show(const dmap_dict *dict, uint16_t group, uint16_t element, const char *creator) {
    dmap_entry e;
    dmap_status status = dmap_lookup(dict, group, element, creator, &e);
    if (status == DMAP_NOT_FOUND) {
        printf("(%04X,%04X) not in the dictionary\n", group, element);
    } else if (status != DMAP_OK) {
        printf("(%04X,%04X) error: %s\n", group, element, dmap_last_error_message());
    } else {
        printf("(%04X,%04X) %-8s %-24s VR %-8s VM %-4s %s%s\n", group, element,
               dmap_kind_name(e.kind), e.keyword, e.vr, e.vm, e.creator, e.retired ? " (retired)" : "");
    }
}

int main(int argc, char **argv) {
    dmap_status status;
    dmap_dict *dict;
    size_t count = 0;

    if (dmap_abi_version() != DMAP_ABI_VERSION) {
        fprintf(stderr, "libdicom_map_ffi does not match dicom_map.h\n");
        return 1;
    }
    dict = argc > 1 ? dmap_open(argv[1], &status) : dmap_open_embedded(&status);
    if (dict == NULL) {
        fprintf(stderr, "%s: %s\n", dmap_status_message(status), dmap_last_error_message());
        return 1;
    }
    dmap_count(dict, &count);
    printf("%zu entries, PS3.6 edition %s\n", count, dmap_edition(dict));

    show(dict, 0x0008, 0x0005, NULL);                  /* public */
    show(dict, 0x6002, 0x3000, NULL);                  /* repeating group (60xx,3000) */
    /* Private: (0029,1010) in a file whose (0029,0010) is "SIEMENS CSA HEADER". */
    show(dict, 0x0029, 0x1010, "SIEMENS CSA HEADER");
    show(dict, 0x0029, 0x1010, NULL);                  /* without its creator: unknown */

    dmap_close(dict); /* every string above becomes invalid */
    return 0;
}
