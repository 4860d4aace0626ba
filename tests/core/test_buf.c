/* Tests of the growable buffer: its size cap, growth, take and printf. */
#include "buf.h"
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

static void test_cap(void)
{
    struct buf b;

    buf_init(&b, 8);
    CHECK(buf_add(&b, "12345678", 8) == DRAMATIS_OK);
    CHECK(b.len == 8);
    /* one byte over the cap fails and leaves the contents alone */
    CHECK(buf_add(&b, "9", 1) == DRAMATIS_ERR_NOMEM);
    CHECK(b.len == 8);
    CHECK_STR(b.data, "12345678");
    CHECK(buf_printf(&b, "%d", 9) == DRAMATIS_ERR_NOMEM);
    CHECK_STR(b.data, "12345678");
    /* adding nothing is fine even when full */
    CHECK(buf_add(&b, "", 0) == DRAMATIS_OK);
    /* a length that would overflow is refused, not wrapped around */
    CHECK(buf_add(&b, "x", SIZE_MAX) == DRAMATIS_ERR_NOMEM);
    buf_reset(&b);
    CHECK(b.len == 0 && b.data && b.data[0] == '\0');
    CHECK(buf_adds(&b, "abc") == DRAMATIS_OK);
    CHECK_STR(b.data, "abc");
    buf_cleanup(&b);
    CHECK(b.data == NULL && b.len == 0 && b.max == 8);

    buf_init(&b, 0);
    CHECK(buf_add(&b, "x", 1) == DRAMATIS_ERR_NOMEM);
    CHECK(b.data == NULL || b.data[0] == '\0');
    buf_cleanup(&b);
}

static void test_growth(void)
{
    struct buf b;
    size_t i;
    int ok = 1;

    buf_init(&b, 1 << 20);
    for (i = 0; i < 5000; i++)
        CHECK(buf_add(&b, i % 2 ? "b" : "a", 1) == DRAMATIS_OK);
    CHECK(b.len == 5000);
    CHECK(b.cap > b.len);   /* room for the NUL */
    CHECK(b.data[5000] == '\0');
    for (i = 0; i < 5000; i++)
        ok &= b.data[i] == (i % 2 ? 'b' : 'a');
    CHECK(ok);
    buf_cleanup(&b);
}

static void test_take(void)
{
    struct buf b;
    char *s;

    /* nothing added: an empty string, not NULL */
    buf_init(&b, 64);
    s = buf_take(&b);
    CHECK(s != NULL && s[0] == '\0');
    free(s);

    CHECK(buf_adds(&b, "hello") == DRAMATIS_OK);
    s = buf_take(&b);
    CHECK_STR(s, "hello");
    /* the buffer is empty again, keeps its cap and can be used on */
    CHECK(b.data == NULL && b.len == 0 && b.max == 64);
    CHECK(buf_adds(&b, "again") == DRAMATIS_OK);
    CHECK_STR(b.data, "again");
    free(s);
    buf_cleanup(&b);
}

static void test_printf(void)
{
    struct buf b;
    char big[300];

    buf_init(&b, 1024);
    CHECK(buf_printf(&b, "%s", "") == DRAMATIS_OK);
    CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
    CHECK(buf_printf(&b, "Chapter %d", 3) == DRAMATIS_OK);
    CHECK(buf_printf(&b, ": %s%c", "The Bench", '.') == DRAMATIS_OK);
    CHECK_STR(b.data, "Chapter 3: The Bench.");
    CHECK(b.len == strlen("Chapter 3: The Bench."));
    /* longer than the first allocation: grows in the middle of a printf */
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(buf_printf(&b, "[%s]", big) == DRAMATIS_OK);
    CHECK(b.len == strlen("Chapter 3: The Bench.") + 301);
    CHECK(b.data[b.len - 1] == ']' && b.data[b.len] == '\0');
    buf_cleanup(&b);
}

int main(void)
{
    test_cap();
    test_growth();
    test_take();
    test_printf();
    return CHECK_DONE();
}
