/* Cast discovery: finds the characters of a book that came without a cast. */
#include "attribute_internal.h"

dramatis_status attr_discover_cast(struct dramatis_book *book, struct dramatis_error *err)
{
    (void)book;
    (void)err;
    return DRAMATIS_OK;
}
