/* EPUB import (EPUB 2 and 3): the ZIP container (libzip) read with limits,
 * the package (OPF: metadata, manifest, spine), the table of contents (nav
 * or NCX) for chapter titles, then the spine's documents in reading order
 * through the markup walker.  Refuses DRM, unsafe entry names, ZIP bombs
 * and XML entity declarations that expand. */
#include "import.h"

#include "buf.h"
#include "error.h"
#include "extract.h"
#include "markup.h"

#include <libxml/parser.h>
#include <zip.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ENTRIES_MAX 10000
#define DOC_MAX ((zip_uint64_t)64 << 20)      /* one document, uncompressed */
#define COVER_MAX ((zip_uint64_t)16 << 20)
#define TOTAL_MAX ((zip_uint64_t)512 << 20)   /* all that is read */
#define RATIO_MAX 200                          /* uncompressed / compressed */
#define RATIO_FROM ((zip_uint64_t)1 << 20)     /* small entries may compress well */
#define TOC_MAX 20000

struct item {
    char *id, *path, *media_type, *properties;
};

struct toc_entry {
    char *path, *frag, *label;
};

struct epub {
    const char *path;
    struct dramatis_error *err;
    const char *data;
    size_t size;
    zip_t *zip;
    zip_uint64_t read_total;
    char *opf_path;
    struct item *items;
    size_t n_items;
    size_t *spine;           /* indices into items, linear ones */
    size_t n_spine;
    long toc_ncx;            /* item index of the NCX, or -1 */
    long toc_nav;            /* item index of the nav document, or -1 */
    long cover;              /* item index of the cover image, or -1 */
    char *cover_id;
    struct toc_entry *toc;
    size_t n_toc;
    char **skip;             /* documents not read (cover, title page, contents) */
    size_t n_skip;
    struct markup_meta meta; /* from the package */
    char *publisher;
    int ao3;
};

/* ---- messages */

static dramatis_status fail_at(struct epub *e, dramatis_status code, const char *fmt, const char *a,
                               const char *b)
{
    char msg[400];

    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    return error_set(e->err, code, e->path, 0, "%s", msg);
}

static void lower_first(char *s)
{
    if (s[0] >= 'A' && s[0] <= 'Z')
        s[0] = (char)(s[0] - 'A' + 'a');
}

/* ---- names inside the container */

/* `../evil`, `/etc/x`, `C:\x`: a name that would leave the book's folder. */
static int unsafe_name(const char *name)
{
    const char *p = name;

    if (name[0] == '/' || name[0] == '\\' || strchr(name, '\\') ||
        (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':'))
        return 1;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        p += n;
        if (*p == '/')
            p++;
    }
    return 0;
}

static int hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* The entry an href names from a document in folder dir (`OEBPS/`):
 * fragment in *frag (may be NULL), %-escapes decoded, `.` and `..`
 * resolved; NULL when it leaves the container or memory runs out. */
static char *resolve(const char *dir, const char *href, char **frag)
{
    struct buf b;
    const char *hash = strchr(href, '#');
    size_t n = hash ? (size_t)(hash - href) : strcspn(href, "?");
    char *joined, *out, *seg;
    size_t i, o = 0;

    if (frag)
        *frag = hash && hash[1] ? strdup(hash + 1) : NULL;
    if (strstr(href, "://") || strncmp(href, "data:", 5) == 0)
        return NULL;
    buf_init(&b, 1 << 16);
    if (href[0] != '/')
        buf_adds(&b, dir);
    for (i = href[0] == '/' ? 1 : 0; i < n; i++) {
        int h1 = i + 2 < n ? hex_val((unsigned char)href[i + 1]) : -1;
        int h2 = i + 2 < n ? hex_val((unsigned char)href[i + 2]) : -1;
        if (href[i] == '%' && h1 >= 0 && h2 >= 0) {
            char c = (char)(h1 * 16 + h2);
            buf_add(&b, &c, 1);
            i += 2;
        } else {
            buf_add(&b, href + i, 1);
        }
    }
    joined = buf_take(&b);
    buf_cleanup(&b);
    if (joined == NULL)
        return NULL;
    out = calloc(1, strlen(joined) + 1);
    if (out == NULL) {
        free(joined);
        return NULL;
    }
    /* resolve segment by segment into out */
    for (seg = joined; *seg;) {
        size_t len = strcspn(seg, "/");
        if (len == 0 || (len == 1 && seg[0] == '.')) {
            /* nothing */
        } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (o == 0) {
                free(joined);
                free(out);
                return NULL;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;   /* the slash */
        } else {
            if (o > 0)
                out[o++] = '/';
            memcpy(out + o, seg, len);
            o += len;
        }
        seg += len;
        if (*seg == '/')
            seg++;
    }
    out[o] = '\0';
    free(joined);
    return out;
}

/* The folder of an entry, with its slash: `OEBPS/` of `OEBPS/content.opf`. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    char *d = malloc(n + 1);

    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

/* ---- reading entries with limits */

static zip_int64_t locate(struct epub *e, const char *name)
{
    zip_int64_t i = zip_name_locate(e->zip, name, 0);

    return i >= 0 ? i : zip_name_locate(e->zip, name, ZIP_FL_NOCASE);
}

/* Reads entry name into *out (NUL-terminated); DRAMATIS_ERR_INPUT with a
 * message when it is missing (unless *missing is wanted), too large, an
 * unlikely compression ratio, encrypted, or damaged. */
static dramatis_status read_entry(struct epub *e, const char *name, zip_uint64_t max, char **out,
                                  size_t *len, int *missing)
{
    zip_stat_t sb;
    zip_file_t *zf;
    zip_int64_t idx = locate(e, name), got;
    char *data;
    size_t have = 0;
    char size_msg[64];

    *out = NULL;
    *len = 0;
    if (missing)
        *missing = 0;
    if (idx < 0) {
        if (missing) {
            *missing = 1;
            return DRAMATIS_OK;
        }
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: missing from the EPUB", name, NULL);
    }
    zip_stat_init(&sb);
    if (zip_stat_index(e->zip, (zip_uint64_t)idx, 0, &sb) != 0 || !(sb.valid & ZIP_STAT_SIZE))
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: unreadable ZIP entry", name, NULL);
    if ((sb.valid & ZIP_STAT_ENCRYPTION_METHOD) && sb.encryption_method != ZIP_EM_NONE)
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: encrypted ZIP entry (DRM?): cannot read it",
                       name, NULL);
    snprintf(size_msg, sizeof size_msg, "%llu", (unsigned long long)sb.size);
    if (sb.size > max)
        return fail_at(e, DRAMATIS_ERR_INPUT,
                       "%s: declares %s bytes uncompressed, more than a book holds (ZIP bomb?)",
                       name, size_msg);
    if (sb.size > RATIO_FROM && (sb.valid & ZIP_STAT_COMP_SIZE) &&
        sb.size / (sb.comp_size ? sb.comp_size : 1) > RATIO_MAX)
        return fail_at(e, DRAMATIS_ERR_INPUT,
                       "%s: %s bytes compressed beyond any text's ratio (ZIP bomb?)", name,
                       size_msg);
    if (e->read_total + sb.size > TOTAL_MAX)
        return fail_at(e, DRAMATIS_ERR_INPUT,
                       "%s: the EPUB's documents add up to more than a book holds (ZIP bomb?)",
                       name, NULL);
    data = malloc((size_t)sb.size + 2);
    if (data == NULL)
        return DRAMATIS_ERR_NOMEM;
    zf = zip_fopen_index(e->zip, (zip_uint64_t)idx, 0);
    if (zf == NULL) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s", zip_error_strerror(zip_get_error(e->zip)));
        lower_first(msg);
        free(data);
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: %s", name, msg);
    }
    /* one byte more than declared: an entry that holds more is refused */
    while (have <= sb.size) {
        got = zip_fread(zf, data + have, sb.size + 1 - have);
        if (got <= 0)
            break;
        have += (size_t)got;
    }
    if (got < 0 || have != sb.size) {
        char msg[200];
        if (got < 0)
            snprintf(msg, sizeof msg, "%s", zip_error_strerror(zip_file_get_error(zf)));
        else
            snprintf(msg, sizeof msg, "holds %s bytes than it declares",
                     have > sb.size ? "more" : "fewer");
        lower_first(msg);
        zip_fclose(zf);
        free(data);
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: damaged: %s", name, msg);
    }
    zip_fclose(zf);
    data[have] = '\0';
    e->read_total += have;
    *out = data;
    *len = have;
    return DRAMATIS_OK;
}

/* ---- XML */

/* An entity declaration that expands to markup or other entities, or loads
 * a file: the billion laughs and its kin. */
static int expanding_entities(xmlDoc *doc)
{
    xmlNode *n;

    if (doc->intSubset == NULL)
        return 0;
    for (n = doc->intSubset->children; n; n = n->next) {
        xmlEntity *ent = (xmlEntity *)n;
        if (n->type != XML_ENTITY_DECL)
            continue;
        if (ent->etype != XML_INTERNAL_GENERAL_ENTITY || ent->content == NULL ||
            strchr((const char *)ent->content, '&') || strchr((const char *)ent->content, '%') ||
            strchr((const char *)ent->content, '<'))
            return 1;
    }
    return 0;
}

/* Parses name's bytes as XML: no network, no DTD loading, no entity
 * substitution.  NULL with *bad set when it is not well-formed; an error
 * when it declares expanding entities. */
static dramatis_status parse_xml(struct epub *e, const char *name, const char *data, size_t len,
                                 xmlDoc **out, int quiet)
{
    xmlParserCtxt *ctxt;
    xmlDoc *doc;
    char msg[300];

    *out = NULL;
    if (len > (size_t)INT32_MAX)
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: too large", name, NULL);
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return DRAMATIS_ERR_NOMEM;
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == NULL || !ctxt->wellFormed) {
        const xmlError *xe = xmlCtxtGetLastError(ctxt);
        int entity = xe && (xe->code == XML_ERR_ENTITY_LOOP ||
                            xe->code == XML_ERR_ENTITY_BOUNDARY ||
                            xe->code == XML_ERR_ENTITY_PE_INTERNAL);
        snprintf(msg, sizeof msg, "%s", xe && xe->message ? xe->message : "unknown error");
        msg[strcspn(msg, "\n")] = '\0';
        lower_first(msg);
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        if (entity)
            return fail_at(e, DRAMATIS_ERR_INPUT, "%s: XML entities that expand: refused (%s)",
                           name, msg);
        if (quiet)
            return DRAMATIS_OK;
        return fail_at(e, DRAMATIS_ERR_INPUT, "%s: not well-formed XML: %s", name, msg);
    }
    xmlFreeParserCtxt(ctxt);
    if (expanding_entities(doc)) {
        xmlFreeDoc(doc);
        return fail_at(e, DRAMATIS_ERR_INPUT,
                       "%s: declares XML entities that expand or load files: refused (XML bomb?)",
                       name, NULL);
    }
    *out = doc;
    return DRAMATIS_OK;
}

static int local_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(xmlNode *n, const char *name)
{
    xmlNode *c;

    for (c = n ? n->children : NULL; c; c = c->next) {
        if (local_is(c, name))
            return c;
    }
    return NULL;
}

static char *prop(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *r = v ? strdup((const char *)v) : NULL;

    xmlFree(v);
    return r;
}

static int prop_is(xmlNode *n, const char *name, const char *value)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    int is = v && strcasecmp((const char *)v, value) == 0;

    xmlFree(v);
    return is;
}

/* ---- DRM */

/* Whether any EncryptionMethod is other than the standard font
 * obfuscations (which hide nothing of the text). */
static int encrypts_text(xmlNode *n, int depth)
{
    static const char *const fonts[] = { "http://www.idpf.org/2008/embedding",
                                         "http://ns.adobe.com/pdf/enc#RC", NULL };
    xmlNode *c;
    size_t i;

    if (depth > 32)
        return 1;
    for (c = n->children; c; c = c->next) {
        int font = 0;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (local_is(c, "EncryptionMethod")) {
            for (i = 0; fonts[i]; i++)
                font |= prop_is(c, "Algorithm", fonts[i]);
            if (!font)
                return 1;
        }
        if (encrypts_text(c, depth + 1))
            return 1;
    }
    return 0;
}

static dramatis_status check_drm(struct epub *e)
{
    static const char msg[] = "DRM-protected EPUB (%s): dramatis cannot read it";
    char *data = NULL;
    size_t len;
    int missing, drm;
    xmlDoc *doc = NULL;
    dramatis_status st;

    if (locate(e, "META-INF/rights.xml") >= 0)
        return fail_at(e, DRAMATIS_ERR_INPUT, msg, "META-INF/rights.xml", NULL);
    st = read_entry(e, "META-INF/encryption.xml", DOC_MAX, &data, &len, &missing);
    if (st != DRAMATIS_OK || missing)
        return st;
    st = parse_xml(e, "META-INF/encryption.xml", data, len, &doc, 1);
    free(data);
    if (st != DRAMATIS_OK)
        return st;
    drm = doc == NULL || xmlDocGetRootElement(doc) == NULL ||
          encrypts_text(xmlDocGetRootElement(doc), 0);
    xmlFreeDoc(doc);
    return drm ? fail_at(e, DRAMATIS_ERR_INPUT, msg, "META-INF/encryption.xml", NULL) : DRAMATIS_OK;
}

/* ---- the package */

static dramatis_status read_container(struct epub *e)
{
    char *data = NULL;
    size_t len;
    int missing;
    xmlDoc *doc = NULL;
    xmlNode *rootfiles, *rf;
    dramatis_status st;

    st = read_entry(e, "META-INF/container.xml", DOC_MAX, &data, &len, &missing);
    if (st != DRAMATIS_OK)
        return st;
    if (missing)
        return fail_at(e, DRAMATIS_ERR_INPUT, "not an EPUB: no META-INF/container.xml", NULL,
                       NULL);
    st = parse_xml(e, "META-INF/container.xml", data, len, &doc, 0);
    free(data);
    if (st != DRAMATIS_OK)
        return st;
    rootfiles = child(xmlDocGetRootElement(doc), "rootfiles");
    for (rf = rootfiles ? rootfiles->children : NULL; rf && e->opf_path == NULL; rf = rf->next) {
        char *full;
        if (!local_is(rf, "rootfile"))
            continue;
        full = prop(rf, "full-path");
        if (full && (prop_is(rf, "media-type", "application/oebps-package+xml") ||
                     !xmlHasProp(rf, (const xmlChar *)"media-type")))
            e->opf_path = resolve("", full, NULL);
        free(full);
    }
    xmlFreeDoc(doc);
    if (e->opf_path == NULL)
        return fail_at(e, DRAMATIS_ERR_INPUT,
                       "not an EPUB: META-INF/container.xml names no package document", NULL,
                       NULL);
    return DRAMATIS_OK;
}

static void set_field(char **field, xmlNode *n)
{
    char *v;

    if (*field)
        return;
    v = markup_node_text(n);
    *field = v;
}

/* Appends to *field (`A, B` for two creators). */
static void add_creator(char **field, xmlNode *n)
{
    char *v = markup_node_text(n);
    struct buf b;

    if (v == NULL)
        return;
    if (*field == NULL) {
        *field = v;
        return;
    }
    buf_init(&b, 1 << 16);
    buf_adds(&b, *field);
    buf_adds(&b, ", ");
    buf_adds(&b, v);
    free(v);
    free(*field);
    *field = buf_take(&b);
    buf_cleanup(&b);
}

static void read_metadata(struct epub *e, xmlNode *md)
{
    struct markup_meta *mm = &e->meta;
    char *collection_id = NULL;
    xmlNode *n;

    for (n = md ? md->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (local_is(n, "title"))
            set_field(&mm->title, n);
        else if (local_is(n, "creator")) {
            xmlChar *role = xmlGetProp(n, (const xmlChar *)"role");
            if (role == NULL || strcmp((const char *)role, "aut") == 0)
                add_creator(&mm->author, n);
            xmlFree(role);
        } else if (local_is(n, "language"))
            set_field(&mm->language, n);
        else if (local_is(n, "date"))
            set_field(&mm->date, n);
        else if (local_is(n, "publisher"))
            set_field(&e->publisher, n);
        else if (local_is(n, "subject"))
            set_field(&mm->genre, n);
        else if (local_is(n, "description") && mm->description == NULL) {
            char *html = markup_node_text(n);
            /* calibre and others write the summary as HTML */
            mm->description = html ? markup_html_to_text(html, strlen(html)) : NULL;
            free(html);
        } else if (local_is(n, "meta")) {
            char *name = prop(n, "name"), *content = prop(n, "content");
            char *property = prop(n, "property"), *refines = prop(n, "refines");
            if (name && content && strcmp(name, "calibre:series") == 0 && mm->series == NULL) {
                mm->series = content;
                content = NULL;
            } else if (name && content && strcmp(name, "calibre:series_index") == 0 &&
                       mm->series_index == NULL) {
                mm->series_index = content;
                content = NULL;
            } else if (name && content && strcmp(name, "cover") == 0 && e->cover_id == NULL) {
                e->cover_id = content;
                content = NULL;
            } else if (property && strcmp(property, "belongs-to-collection") == 0 &&
                       mm->series == NULL) {
                mm->series = markup_node_text(n);
                free(collection_id);
                collection_id = prop(n, "id");
            } else if (property && refines && collection_id && refines[0] == '#' &&
                       strcmp(refines + 1, collection_id) == 0 &&
                       strcmp(property, "group-position") == 0) {
                set_field(&mm->series_index, n);
            }
            free(name);
            free(content);
            free(property);
            free(refines);
        }
    }
    free(collection_id);
}

static dramatis_status add_skip(struct epub *e, char *path)
{
    char **grown;

    if (path == NULL)
        return DRAMATIS_OK;
    grown = realloc(e->skip, (e->n_skip + 1) * sizeof *grown);
    if (grown == NULL) {
        free(path);
        return DRAMATIS_ERR_NOMEM;
    }
    e->skip = grown;
    e->skip[e->n_skip++] = path;
    return DRAMATIS_OK;
}

static int skipped(const struct epub *e, const char *path)
{
    size_t i;

    for (i = 0; i < e->n_skip; i++) {
        if (strcmp(e->skip[i], path) == 0)
            return 1;
    }
    return 0;
}

static long find_item(const struct epub *e, const char *id)
{
    size_t i;

    for (i = 0; id && i < e->n_items; i++) {
        if (e->items[i].id && strcmp(e->items[i].id, id) == 0)
            return (long)i;
    }
    return -1;
}

static int has_token(const char *list, const char *token)
{
    size_t n = strlen(token);
    const char *p = list;

    for (p = p ? strstr(p, token) : NULL; p; p = strstr(p + n, token)) {
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    }
    return 0;
}

static dramatis_status read_package(struct epub *e)
{
    static const char *const skip_types[] = { "cover", "title-page", "toc", "copyright-page",
                                              "colophon", NULL };
    char *data = NULL, *dir = NULL, *toc_id = NULL;
    size_t len, i;
    xmlDoc *doc = NULL;
    xmlNode *pkg, *manifest, *spine, *guide, *n;
    dramatis_status st;

    st = read_entry(e, e->opf_path, DOC_MAX, &data, &len, NULL);
    if (st == DRAMATIS_OK)
        st = parse_xml(e, e->opf_path, data, len, &doc, 0);
    free(data);
    if (st != DRAMATIS_OK)
        return st;
    dir = dir_of(e->opf_path);
    pkg = xmlDocGetRootElement(doc);
    if (dir == NULL || !local_is(pkg, "package")) {
        st = fail_at(e, DRAMATIS_ERR_INPUT, "%s: not an EPUB package document", e->opf_path, NULL);
        goto fail;
    }
    read_metadata(e, child(pkg, "metadata"));
    manifest = child(pkg, "manifest");
    for (n = manifest ? manifest->children : NULL; n; n = n->next) {
        struct item it, *grown;
        char *href;
        if (!local_is(n, "item"))
            continue;
        href = prop(n, "href");
        memset(&it, 0, sizeof it);
        it.path = href ? resolve(dir, href, NULL) : NULL;
        free(href);
        if (it.path == NULL)
            continue;
        it.id = prop(n, "id");
        it.media_type = prop(n, "media-type");
        it.properties = prop(n, "properties");
        grown = e->n_items < ENTRIES_MAX ? realloc(e->items, (e->n_items + 1) * sizeof *grown) : NULL;
        if (grown == NULL) {
            free(it.id);
            free(it.path);
            free(it.media_type);
            free(it.properties);
            st = e->n_items < ENTRIES_MAX ? DRAMATIS_ERR_NOMEM : DRAMATIS_OK;
            if (st != DRAMATIS_OK)
                goto fail;
            break;
        }
        e->items = grown;
        e->items[e->n_items++] = it;
    }
    e->toc_nav = -1;
    e->cover = -1;
    for (i = 0; i < e->n_items; i++) {
        if (e->items[i].properties && has_token(e->items[i].properties, "nav") && e->toc_nav < 0)
            e->toc_nav = (long)i;
        if (e->items[i].properties && has_token(e->items[i].properties, "cover-image") &&
            e->cover < 0)
            e->cover = (long)i;
    }
    if (e->cover < 0)
        e->cover = find_item(e, e->cover_id);
    spine = child(pkg, "spine");
    if (spine == NULL) {
        st = fail_at(e, DRAMATIS_ERR_INPUT,
                     "%s: EPUB without a spine: no reading order to follow", e->opf_path, NULL);
        goto fail;
    }
    toc_id = prop(spine, "toc");
    e->toc_ncx = find_item(e, toc_id);
    for (i = 0; e->toc_ncx < 0 && i < e->n_items; i++) {
        if (e->items[i].media_type &&
            strcmp(e->items[i].media_type, "application/x-dtbncx+xml") == 0)
            e->toc_ncx = (long)i;
    }
    e->spine = calloc(e->n_items + 1, sizeof *e->spine);
    if (e->spine == NULL) {
        st = DRAMATIS_ERR_NOMEM;
        goto fail;
    }
    for (n = spine->children; n; n = n->next) {
        char *idref;
        long it;
        if (!local_is(n, "itemref") || prop_is(n, "linear", "no"))
            continue;
        idref = prop(n, "idref");
        it = find_item(e, idref);
        free(idref);
        if (it >= 0 && e->n_spine < e->n_items)
            e->spine[e->n_spine++] = (size_t)it;
    }
    if (e->n_spine == 0) {
        st = fail_at(e, DRAMATIS_ERR_INPUT,
                     "%s: EPUB without a spine: no reading order to follow", e->opf_path, NULL);
        goto fail;
    }
    guide = child(pkg, "guide");
    for (n = guide ? guide->children : NULL; n && st == DRAMATIS_OK; n = n->next) {
        char *href;
        for (i = 0; local_is(n, "reference") && skip_types[i]; i++) {
            if (!prop_is(n, "type", skip_types[i]))
                continue;
            href = prop(n, "href");
            st = add_skip(e, href ? resolve(dir, href, NULL) : NULL);
            free(href);
            break;
        }
    }
fail:
    free(toc_id);
    free(dir);
    xmlFreeDoc(doc);
    return st;
}

/* ---- the table of contents */

static dramatis_status add_toc(struct epub *e, const char *dir, const char *href, char *label)
{
    struct toc_entry *grown, t;

    t.label = label;
    t.path = href ? resolve(dir, href, &t.frag) : NULL;
    if (t.path == NULL || e->n_toc >= TOC_MAX) {
        free(t.path);
        free(t.label);
        if (href)
            free(t.frag);
        return DRAMATIS_OK;
    }
    grown = realloc(e->toc, (e->n_toc + 1) * sizeof *grown);
    if (grown == NULL) {
        free(t.path);
        free(t.frag);
        free(t.label);
        return DRAMATIS_ERR_NOMEM;
    }
    e->toc = grown;
    e->toc[e->n_toc++] = t;
    return DRAMATIS_OK;
}

static dramatis_status ncx_points(struct epub *e, const char *dir, xmlNode *parent, int depth)
{
    xmlNode *n;
    dramatis_status st = DRAMATIS_OK;

    if (depth > 32)
        return DRAMATIS_OK;
    for (n = parent->children; n && st == DRAMATIS_OK; n = n->next) {
        xmlNode *label, *content;
        char *src;
        if (!local_is(n, "navPoint"))
            continue;
        label = child(child(n, "navLabel"), "text");
        content = child(n, "content");
        src = content ? prop(content, "src") : NULL;
        st = add_toc(e, dir, src, label ? markup_node_text(label) : NULL);
        free(src);
        if (st == DRAMATIS_OK)
            st = ncx_points(e, dir, n, depth + 1);
    }
    return st;
}

static int type_has(xmlNode *n, const char *token)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"type",
                              (const xmlChar *)"http://www.idpf.org/2007/ops");
    int has;

    if (v == NULL)
        v = xmlGetProp(n, (const xmlChar *)"epub:type");
    has = v && has_token((const char *)v, token);
    xmlFree(v);
    return has;
}

/* The links of a nav's list, in order (toc), or the documents the
 * landmarks say are not story (cover, title page, contents). */
static dramatis_status nav_links(struct epub *e, const char *dir, xmlNode *n, int landmarks,
                                 int depth)
{
    static const char *const skip_types[] = { "cover", "titlepage", "toc", "copyright-page",
                                              "colophon", "index", "loi", "lot", NULL };
    xmlNode *c;
    dramatis_status st = DRAMATIS_OK;

    if (depth > 64)
        return DRAMATIS_OK;
    for (c = n->children; c && st == DRAMATIS_OK; c = c->next) {
        char *href;
        size_t i;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!local_is(c, "a")) {
            st = nav_links(e, dir, c, landmarks, depth + 1);
            continue;
        }
        href = prop(c, "href");
        if (landmarks) {
            for (i = 0; href && skip_types[i]; i++) {
                if (type_has(c, skip_types[i])) {
                    st = add_skip(e, resolve(dir, href, NULL));
                    break;
                }
            }
        } else {
            st = add_toc(e, dir, href, markup_node_text(c));
        }
        free(href);
    }
    return st;
}

static dramatis_status find_navs(struct epub *e, const char *dir, xmlNode *n, int depth)
{
    xmlNode *c;
    dramatis_status st = DRAMATIS_OK;

    if (depth > 64)
        return DRAMATIS_OK;
    for (c = n->children; c && st == DRAMATIS_OK; c = c->next) {
        if (local_is(c, "nav") && type_has(c, "toc") && e->n_toc == 0)
            st = nav_links(e, dir, c, 0, 0);
        else if (local_is(c, "nav") && type_has(c, "landmarks"))
            st = nav_links(e, dir, c, 1, 0);
        else if (c->type == XML_ELEMENT_NODE)
            st = find_navs(e, dir, c, depth + 1);
    }
    return st;
}

static dramatis_status read_toc(struct epub *e)
{
    long it = e->toc_nav >= 0 ? e->toc_nav : e->toc_ncx;
    char *data = NULL, *dir;
    size_t len;
    int missing;
    xmlDoc *doc = NULL;
    dramatis_status st;

    if (it < 0)
        return DRAMATIS_OK;
    st = read_entry(e, e->items[it].path, DOC_MAX, &data, &len, &missing);
    if (st != DRAMATIS_OK || missing)
        return st;
    st = parse_xml(e, e->items[it].path, data, len, &doc, 1);
    if (st == DRAMATIS_OK && doc == NULL && it == e->toc_nav)
        doc = markup_parse_html(data, len, "UTF-8");
    free(data);
    if (st != DRAMATIS_OK || doc == NULL || xmlDocGetRootElement(doc) == NULL) {
        xmlFreeDoc(doc);
        return st;   /* a broken table of contents: chapters from headings */
    }
    dir = dir_of(e->items[it].path);
    if (dir == NULL)
        st = DRAMATIS_ERR_NOMEM;
    else if (it == e->toc_nav)
        st = find_navs(e, dir, xmlDocGetRootElement(doc), 0);
    else {
        xmlNode *map = child(xmlDocGetRootElement(doc), "navMap");
        st = map ? ncx_points(e, dir, map, 0) : DRAMATIS_OK;
    }
    free(dir);
    xmlFreeDoc(doc);
    return st;
}

/* ---- the spine's documents */

static int is_document(const struct item *it)
{
    const char *mt = it->media_type ? it->media_type : "";
    const char *dot = strrchr(it->path, '.');

    return strcmp(mt, "application/xhtml+xml") == 0 || strcmp(mt, "text/html") == 0 ||
           (mt[0] == '\0' && dot &&
            (!strcasecmp(dot, ".xhtml") || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")));
}

struct spine_doc {
    const char *path;
    char *data;
    size_t len;
    xmlDoc *doc;
};

/* A content document: XML as EPUB wants, or, when it is not well-formed
 * (common enough), through the HTML parser. */
static dramatis_status parse_document(struct epub *e, struct spine_doc *sd)
{
    dramatis_status st = parse_xml(e, sd->path, sd->data, sd->len, &sd->doc, 1);

    if (st == DRAMATIS_OK && sd->doc == NULL)
        sd->doc = markup_parse_html(sd->data, sd->len, NULL);
    return st;
}

static dramatis_status read_cover(struct epub *e, struct dramatis_book *book)
{
    char *data = NULL;
    size_t len;
    int missing;
    const char *mime = NULL;
    dramatis_status st;

    if (e->cover < 0 || book->meta.cover)
        return DRAMATIS_OK;
    st = read_entry(e, e->items[e->cover].path, COVER_MAX, &data, &len, &missing);
    if (st != DRAMATIS_OK || missing)
        return st;
    if (len > 3 && (unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xD8 &&
        (unsigned char)data[2] == 0xFF)
        mime = "image/jpeg";
    else if (len > 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        mime = "image/png";
    if (mime == NULL) {   /* a cover players cannot show: none */
        free(data);
        return DRAMATIS_OK;
    }
    book->meta.cover_mime = strdup(mime);
    if (book->meta.cover_mime == NULL) {
        free(data);
        return DRAMATIS_ERR_NOMEM;
    }
    book->meta.cover = (unsigned char *)data;
    book->meta.cover_size = len;
    return DRAMATIS_OK;
}

/* The chapters the contents open in document path: at its start (the
 * label, or NULL), and at elements with ids (targets). */
static dramatis_status doc_targets(const struct epub *e, const char *path, const char **start,
                                   struct markup_target **targets, size_t *n)
{
    size_t i;

    *start = NULL;
    *n = 0;
    *targets = calloc(e->n_toc + 1, sizeof **targets);
    if (*targets == NULL)
        return DRAMATIS_ERR_NOMEM;
    for (i = 0; i < e->n_toc; i++) {
        const struct toc_entry *t = &e->toc[i];
        if (strcmp(t->path, path) != 0)
            continue;
        if (t->frag == NULL) {
            if (*start == NULL)
                *start = t->label ? t->label : "";
        } else {
            (*targets)[*n].id = t->frag;
            (*targets)[*n].label = t->label ? t->label : "";
            (*n)++;
        }
    }
    return DRAMATIS_OK;
}

static dramatis_status read_spine(struct epub *e, struct dramatis_book **out)
{
    struct extract ex;
    struct markup m;
    struct spine_doc *docs;
    struct markup_target *targets = NULL;
    size_t counts[7] = { 0 }, i, n_docs = 0, n_toc_docs = 0;
    char *fallback = NULL;
    dramatis_status st;

    docs = calloc(e->n_spine + 1, sizeof *docs);
    if (docs == NULL)
        return DRAMATIS_ERR_NOMEM;
    st = extract_init(&ex, e->path);
    markup_init(&m, &ex);
    for (i = 0; st == DRAMATIS_OK && i < e->n_spine; i++) {
        const struct item *it = &e->items[e->spine[i]];
        struct spine_doc *sd = &docs[n_docs];
        int missing;
        if (!is_document(it) || (long)e->spine[i] == e->toc_nav || skipped(e, it->path))
            continue;
        sd->path = it->path;
        st = read_entry(e, it->path, DOC_MAX, &sd->data, &sd->len, &missing);
        if (st != DRAMATIS_OK || missing)
            continue;
        n_docs++;
        st = parse_document(e, sd);
        if (st == DRAMATIS_OK && sd->doc)
            markup_survey(&m, sd->doc, counts);
    }
    if (st != DRAMATIS_OK)
        goto fail;
    /* the contents decide chapters when they point into the story */
    for (i = 0; i < e->n_toc; i++) {
        size_t k;
        for (k = 0; k < n_docs; k++) {
            if (strcmp(e->toc[i].path, docs[k].path) == 0) {
                n_toc_docs++;
                break;
            }
        }
    }
    m.by_contents = n_toc_docs >= 2 || (n_toc_docs == 1 && n_docs == 1);
    if (!m.by_contents && !m.ao3)
        markup_levels(&m, counts);
    m.book_title = e->meta.title ? e->meta.title : m.meta.title;
    for (i = 0; st == DRAMATIS_OK && i < n_docs; i++) {
        const char *start_label = NULL;
        if (docs[i].doc == NULL)
            continue;
        st = extract_doc(&ex, docs[i].path, docs[i].data, docs[i].len, EXTRACT_HTML);
        if (st == DRAMATIS_OK && m.by_contents)
            st = doc_targets(e, docs[i].path, &start_label, &targets, &m.n_targets);
        if (st != DRAMATIS_OK)
            break;
        m.targets = targets;
        m.doc_fresh = 1;
        if (start_label) {
            st = extract_chapter(&ex, start_label, 0, 0);
            m.chapter_head = 1;
            m.doc_fresh = 0;
        }
        if (st == DRAMATIS_OK)
            st = markup_walk(&m, docs[i].doc);
        free(targets);
        targets = NULL;
        m.targets = NULL;
        m.n_targets = 0;
    }
    if (st != DRAMATIS_OK)
        goto fail;
    if (e->meta.title == NULL && m.meta.title == NULL)
        fallback = import_title_from_path(e->path);
    st = extract_finish(&ex, e->meta.title ? e->meta.title : m.meta.title ? m.meta.title : fallback,
                        out);
    if (st != DRAMATIS_OK)
        goto fail;
    /* the package first; AO3's preface for what it lacks (the fandom) */
    if (m.ao3 && m.meta.genre) {
        free(e->meta.genre);
        e->meta.genre = NULL;
    }
    markup_meta_to_book(&e->meta, *out);
    markup_meta_to_book(&m.meta, *out);
    if ((*out)->title == NULL) {
        (*out)->title = fallback;
        fallback = NULL;
    }
    (*out)->meta.publisher = e->publisher;
    e->publisher = NULL;
fail:
    for (i = 0; i < n_docs; i++) {
        xmlFreeDoc(docs[i].doc);
        free(docs[i].data);
    }
    free(docs);
    free(fallback);
    markup_cleanup(&m);
    extract_cleanup(&ex);
    return st;
}

/* ---- the importer */

static void epub_cleanup(struct epub *e)
{
    size_t i;

    for (i = 0; i < e->n_items; i++) {
        free(e->items[i].id);
        free(e->items[i].path);
        free(e->items[i].media_type);
        free(e->items[i].properties);
    }
    free(e->items);
    free(e->spine);
    for (i = 0; i < e->n_toc; i++) {
        free(e->toc[i].path);
        free(e->toc[i].frag);
        free(e->toc[i].label);
    }
    free(e->toc);
    for (i = 0; i < e->n_skip; i++)
        free(e->skip[i]);
    free(e->skip);
    free(e->opf_path);
    free(e->cover_id);
    free(e->publisher);
    markup_meta_cleanup(&e->meta);
    if (e->zip)
        zip_discard(e->zip);
}

static dramatis_status open_zip(struct epub *e)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_int64_t n, i;
    char msg[200];

    if (e->size < 22)   /* not even an end of central directory */
        return fail_at(e, DRAMATIS_ERR_INPUT, "not a readable EPUB (ZIP): %s",
                       e->size ? "truncated" : "empty file", NULL);
    zip_error_init(&ze);
    src = zip_source_buffer_create(e->data, e->size, 0, &ze);
    if (src)
        e->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (e->zip == NULL) {
        snprintf(msg, sizeof msg, "%s", zip_error_strerror(&ze));
        lower_first(msg);
        zip_source_free(src);
        zip_error_fini(&ze);
        return fail_at(e, DRAMATIS_ERR_INPUT, "not a readable EPUB (ZIP): %s", msg, NULL);
    }
    zip_error_fini(&ze);
    n = zip_get_num_entries(e->zip, 0);
    if (n > ENTRIES_MAX)
        return fail_at(e, DRAMATIS_ERR_INPUT, "more ZIP entries than any book has (ZIP bomb?)",
                       NULL, NULL);
    for (i = 0; i < n; i++) {
        const char *name = zip_get_name(e->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (name && unsafe_name(name))
            return fail_at(e, DRAMATIS_ERR_INPUT,
                           "unsafe ZIP entry name '%s' (it leaves the book's folder): refused",
                           name, NULL);
    }
    return DRAMATIS_OK;
}

dramatis_status import_epub_parse(const char *path, const char *data, size_t size,
                                  struct dramatis_book **out, struct dramatis_error *err)
{
    struct epub e;
    dramatis_status st;

    *out = NULL;
    memset(&e, 0, sizeof e);
    e.path = path;
    e.err = err;
    e.data = data;
    e.size = size;
    e.toc_ncx = e.toc_nav = e.cover = -1;
    st = open_zip(&e);
    if (st == DRAMATIS_OK)
        st = check_drm(&e);
    if (st == DRAMATIS_OK)
        st = read_container(&e);
    if (st == DRAMATIS_OK)
        st = read_package(&e);
    if (st == DRAMATIS_OK)
        st = read_toc(&e);
    if (st == DRAMATIS_OK)
        st = read_spine(&e, out);
    if (st == DRAMATIS_OK)
        st = read_cover(&e, *out);
    if (st == DRAMATIS_OK)
        st = import_book_check(path, *out, err);
    if (st != DRAMATIS_OK) {
        if (err && err->code == DRAMATIS_OK)
            error_set(err, st, path, 0, NULL);
        dramatis_book_free(*out);
        *out = NULL;
    }
    epub_cleanup(&e);
    return st;
}
