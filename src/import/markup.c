/* The (X)HTML walker of the HTML and EPUB importers: block elements become
 * paragraphs, headings chapters, <em>/<i> emphasis; notes, navigation,
 * page numbers, licence boxes and AO3's preface, notes and afterword are
 * not read (AO3's preface gives the metadata instead). */
#include "markup.h"

#include "error.h"
#include "import.h"
#include "text.h"
#include "text_internal.h"

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEPTH_MAX 200
#define META_MAX 65536
#define EPUB_NS "http://www.idpf.org/2007/ops"

void markup_init(struct markup *m, struct extract *ex)
{
    memset(m, 0, sizeof *m);
    m->ex = ex;
}

void markup_cleanup(struct markup *m)
{
    markup_meta_cleanup(&m->meta);
}

void markup_meta_cleanup(struct markup_meta *mm)
{
    free(mm->title);
    free(mm->author);
    free(mm->language);
    free(mm->description);
    free(mm->date);
    free(mm->series);
    free(mm->series_index);
    free(mm->genre);
    memset(mm, 0, sizeof *mm);
}

/* ---- elements and attributes */

static int name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name &&
           xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++) {
        if (name_is(n, *names))
            return 1;
    }
    return 0;
}

static int heading_level(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || n->name == NULL || (n->name[0] | 0x20) != 'h' ||
        n->name[1] < '1' || n->name[1] > '6' || n->name[2] != '\0')
        return 0;
    return n->name[1] - '0';
}

/* Whether white-space separated value holds one of tokens (ASCII case). */
static int value_has_token(const xmlChar *value, const char *const *tokens)
{
    const char *v = (const char *)value;

    while (v && *v) {
        size_t n;
        const char *const *t;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
            v++;
        for (n = 0; v[n] && v[n] != ' ' && v[n] != '\t' && v[n] != '\n' && v[n] != '\r' &&
                    v[n] != '\f';
             n++)
            ;
        for (t = tokens; n > 0 && *t; t++) {
            if (strlen(*t) == n && strncasecmp(v, *t, n) == 0)
                return 1;
        }
        v += n;
    }
    return 0;
}

static int attr_has_token(xmlNode *n, const char *attr, const char *const *tokens)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    int has = value_has_token(v, tokens);

    xmlFree(v);
    return has;
}

int markup_has_class(xmlNode *n, const char *token)
{
    const char *tokens[2];

    tokens[0] = token;
    tokens[1] = NULL;
    return n->type == XML_ELEMENT_NODE && attr_has_token(n, "class", tokens);
}

/* epub:type, namespaced (XHTML) or as the HTML parser keeps it. */
static int epub_type_has(xmlNode *n, const char *const *tokens)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"type", (const xmlChar *)EPUB_NS);
    int has = value_has_token(v, tokens);

    xmlFree(v);
    return has || attr_has_token(n, "epub:type", tokens);
}

static int id_is(xmlNode *n, const char *id)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
    int is = v && strcmp((const char *)v, id) == 0;

    xmlFree(v);
    return is;
}

/* ---- text of a subtree */

static void node_text_into(xmlNode *n, struct buf *b, int blocks, int depth)
{
    static const char *const unread[] = { "script", "style", "head", NULL };
    static const char *const block[] = { "p", "div", "li", "br", "blockquote", "dd", "dt",
                                         "h1", "h2", "h3", "h4", "h5", "h6", "tr", NULL };
    xmlNode *c;

    if (depth > DEPTH_MAX)
        return;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                buf_adds(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !name_in(c, unread)) {
            int is_block = blocks && name_in(c, block);
            if (is_block)
                buf_adds(b, "\n");
            node_text_into(c, b, blocks, depth + 1);
            if (is_block)
                buf_adds(b, "\n");
        }
    }
}

/* Folds runs of white space (a run holding a line break stays one line
 * break when lines is set) and trims; NULL when nothing is left. */
static char *fold(const char *s, int lines)
{
    struct buf out;
    int space = 0, nl = 0;
    size_t s0, e0;
    char *r;

    buf_init(&out, META_MAX);
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
            space = 1;
            if (*s == '\n' && lines)
                nl = 1;
            continue;
        }
        if (space && out.len > 0)
            buf_adds(&out, nl ? "\n" : " ");
        space = nl = 0;
        buf_add(&out, s, 1);
    }
    r = buf_take(&out);
    buf_cleanup(&out);
    if (r == NULL)
        return NULL;
    s0 = 0;
    e0 = strlen(r);
    text_trim(r, &s0, &e0);
    if (s0 == e0) {
        free(r);
        return NULL;
    }
    memmove(r, r + s0, e0 - s0);
    r[e0 - s0] = '\0';
    return r;
}

static char *node_text(xmlNode *n, int blocks)
{
    struct buf b;
    char *r;

    buf_init(&b, META_MAX);
    node_text_into(n, &b, blocks, 0);
    r = fold(b.data ? b.data : "", blocks);
    buf_cleanup(&b);
    return r;
}

char *markup_node_text(xmlNode *n)
{
    return node_text(n, 0);
}

char *markup_html_to_text(const char *html, size_t len)
{
    htmlDocPtr doc;
    xmlNode *root;
    char *r = NULL;

    if (html == NULL || len == 0 || len > META_MAX)
        return NULL;
    doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root)
        r = node_text(root, 1);
    xmlFreeDoc(doc);
    return r;
}

/* ---- what is not read */

/* A footnote mark: a link into a note whose text is `1`, `[12]`, `*`. */
static int is_note_mark(xmlNode *n)
{
    xmlChar *href;
    char *t;
    int mark = 0;

    if (!name_is(n, "a"))
        return 0;
    href = xmlGetProp(n, (const xmlChar *)"href");
    if (href && strchr((const char *)href, '#')) {
        t = markup_node_text(n);
        mark = 1;
        for (size_t i = 0; t && t[i]; i++) {
            if ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') || i >= 8)
                mark = 0;
        }
        free(t);
    }
    xmlFree(href);
    return mark;
}

/* Whether a paragraph's words are all inside links (a table of contents). */
static void link_chars(xmlNode *n, int in_link, size_t *in, size_t *out, int depth)
{
    xmlNode *c;

    if (depth > DEPTH_MAX)
        return;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            const xmlChar *s;
            for (s = c->content; *s; s++) {
                if (*s > ' ')
                    (*(in_link ? in : out))++;
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            int link = in_link || (name_is(c, "a") && xmlHasProp(c, (const xmlChar *)"href"));
            link_chars(c, link, in, out, depth + 1);
        }
    }
}

static int links_only(xmlNode *n)
{
    size_t in = 0, out = 0;

    link_chars(n, 0, &in, &out, 0);
    return in > 0 && out == 0;
}

static int skip_element(const struct markup *m, xmlNode *n)
{
    static const char *const names[] = {
        "head", "script", "style", "noscript", "template", "svg", "math", "img", "audio", "video",
        "object", "embed", "iframe", "nav", "rt", "rp", "button", "input", "select", "textarea",
        "form", "map", "figure", "figcaption", "canvas", "title", NULL
    };
    static const char *const types[] = {
        "footnote", "footnotes", "endnote", "endnotes", "rearnote", "rearnotes", "noteref",
        "pagebreak", "toc", "landmarks", "page-list", "loi", "lot", "cover", "titlepage",
        "copyright-page", "colophon", "index", NULL
    };
    static const char *const roles[] = {
        "doc-footnote", "doc-endnote", "doc-endnotes", "doc-noteref", "doc-pagebreak", "doc-toc",
        "doc-index", "doc-colophon", "doc-cover", NULL
    };
    static const char *const classes[] = { "pg-boilerplate", "pagenum", "footnote", "footnotes",
                                           "fnanchor", NULL };
    static const char *const ids[] = { "pg-header", "pg-footer", "pg-machine-header",
                                       "pg-start-separator", "pg-end-separator", NULL };
    static const char *const toc_blocks[] = { "p", "li", "td", "th", "dt", "dd", NULL };
    xmlChar *id;
    int skip = 0;
    size_t i;

    if (name_in(n, names) || xmlHasProp(n, (const xmlChar *)"hidden") ||
        epub_type_has(n, types) || attr_has_token(n, "role", roles) ||
        attr_has_token(n, "class", classes))
        return 1;
    id = xmlGetProp(n, (const xmlChar *)"id");
    for (i = 0; id && ids[i]; i++) {
        if (strcmp((const char *)id, ids[i]) == 0)
            skip = 1;
    }
    /* AO3: the afterword (end notes, "please comment"), Preface/Afterword headings */
    if (id && m->ao3 && strcmp((const char *)id, "afterword") == 0)
        skip = 1;
    xmlFree(id);
    if (skip || (m->ao3 && name_is(n, "h2") && markup_has_class(n, "toc-heading")))
        return 1;
    if (name_is(n, "sup")) {   /* a footnote number: <sup><a href="#n1">1</a></sup> */
        xmlNode *c;
        for (c = n->children; c; c = c->next) {
            if (name_is(c, "a") && xmlHasProp(c, (const xmlChar *)"href"))
                return 1;
        }
    }
    return is_note_mark(n) || (name_in(n, toc_blocks) && links_only(n));
}

/* ---- AO3's preface: the work's metadata */

static void set_once(char **field, char *value)
{
    if (*field == NULL)
        *field = value;
    else
        free(value);
}

static char *dup_span(const char *s, size_t n)
{
    char *r = malloc(n + 1);

    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* AO3 names languages as they call themselves; tags want BCP 47. */
static const char *language_code(const char *name)
{
    static const char *const map[][2] = {
        { "English", "en" }, { "Español", "es" }, { "Français", "fr" }, { "Deutsch", "de" },
        { "Italiano", "it" }, { "Português brasileiro", "pt-BR" }, { "Português europeu", "pt-PT" },
        { "Русский", "ru" }, { "Polski", "pl" }, { "Nederlands", "nl" }, { "日本語", "ja" },
        { "中文-普通话 國語", "zh" }, { "한국어", "ko" }, { "Svenska", "sv" }, { "Suomi", "fi" },
        { "Dansk", "da" }, { "Norsk", "no" }, { "Čeština", "cs" }, { "Magyar", "hu" },
        { "Türkçe", "tr" }, { "Українська", "uk" }, { "Tiếng Việt", "vi" }, { "Bahasa Indonesia", "id" },
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(map[i][0], name) == 0)
            return map[i][1];
    }
    return NULL;
}

static void read_tag(struct markup *m, const char *label, xmlNode *dd)
{
    struct markup_meta *mm = &m->meta;
    char *v = markup_node_text(dd);
    const char *p;

    if (v == NULL)
        return;
    if (strcmp(label, "Fandom:") == 0 || strcmp(label, "Fandoms:") == 0) {
        set_once(&mm->genre, v);
        return;
    }
    if (strcmp(label, "Language:") == 0) {
        const char *code = language_code(v);
        if (code)
            set_once(&mm->language, strdup(code));
    } else if (strcmp(label, "Series:") == 0 && strncmp(v, "Part ", 5) == 0) {
        /* `Part 2 of Name`, and more series after `, Part` */
        size_t n = strspn(v + 5, "0123456789");
        if (n > 0 && strncmp(v + 5 + n, " of ", 4) == 0) {
            const char *name = v + 5 + n + 4;
            const char *end = strstr(name, ", Part ");
            set_once(&mm->series_index, dup_span(v + 5, n));
            set_once(&mm->series, dup_span(name, end ? (size_t)(end - name) : strlen(name)));
        }
    } else if (strcmp(label, "Stats:") == 0 && strstr(v, "Published: ") != NULL) {
        p = strstr(v, "Published: ");
        p += strlen("Published: ");
        set_once(&mm->date, dup_span(p, strcspn(p, " ")));
    }
    free(v);
}

static void read_preface(struct markup *m, xmlNode *n, int depth)
{
    struct markup_meta *mm = &m->meta;
    xmlNode *c;

    if (depth > DEPTH_MAX)
        return;
    for (c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "dl") && markup_has_class(c, "tags")) {
            xmlNode *dt;
            for (dt = c->children; dt; dt = dt->next) {
                xmlNode *dd = dt->next;
                char *label;
                if (!name_is(dt, "dt"))
                    continue;
                while (dd && dd->type != XML_ELEMENT_NODE)
                    dd = dd->next;
                label = markup_node_text(dt);
                if (label && dd && name_is(dd, "dd"))
                    read_tag(m, label, dd);
                free(label);
            }
        } else if (name_is(c, "h1")) {
            set_once(&mm->title, markup_node_text(c));
        } else if (name_is(c, "div") && markup_has_class(c, "byline")) {
            char *by = markup_node_text(c);
            if (by && strncmp(by, "by ", 3) == 0)
                memmove(by, by + 3, strlen(by + 3) + 1);
            set_once(&mm->author, by);
        } else if (name_is(c, "p")) {
            char *label = markup_node_text(c);
            xmlNode *q = c->next;
            while (q && q->type != XML_ELEMENT_NODE)
                q = q->next;
            if (label && strcmp(label, "Summary") == 0 && q && name_is(q, "blockquote"))
                set_once(&mm->description, node_text(q, 1));
            free(label);
        } else {
            read_preface(m, c, depth + 1);
        }
    }
}

/* AO3's preface: <div id="preface"> holding the work's tags. */
static int is_ao3_preface(xmlNode *n, int depth)
{
    xmlNode *c;

    if (depth > 4)
        return 0;
    for (c = n->children; c; c = c->next) {
        if ((name_is(c, "dl") && markup_has_class(c, "tags")) || is_ao3_preface(c, depth + 1))
            return 1;
    }
    return 0;
}

/* ---- the survey */

static void survey(struct markup *m, xmlNode *n, size_t counts[7], int depth)
{
    xmlNode *c;

    if (depth > DEPTH_MAX)
        return;
    for (c = n->children; c; c = c->next) {
        int level;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c, "div") && id_is(c, "preface") && is_ao3_preface(c, 0)) {
            m->ao3 = 1;
            read_preface(m, c, 0);
            continue;
        }
        if (skip_element(m, c))
            continue;
        level = heading_level(c);
        if (level > 0) {
            counts[level]++;
            continue;
        }
        survey(m, c, counts, depth + 1);
    }
}

void markup_survey(struct markup *m, xmlDoc *doc, size_t counts[7])
{
    xmlNode *root = xmlDocGetRootElement(doc);

    if (root)
        survey(m, root, counts, 0);
}

void markup_levels(struct markup *m, const size_t counts[7])
{
    int level, best = 0;

    for (level = 1; level <= 6; level++) {
        if (counts[level] > 0 && (best == 0 || counts[level] > counts[best]))
            best = level;
    }
    m->chapter_level = best;
    m->title_level = 0;
    for (level = 1; level < best; level++) {
        if (counts[level] == 1) {   /* one heading above the chapters' */
            m->title_level = level;
            break;
        }
    }
}

/* ---- the head of an HTML file */

/* `Carroll, Lewis, 1832-1898` -> `Lewis Carroll`. */
static char *person_name(const char *s)
{
    const char *comma = strchr(s, ',');
    const char *first, *end;
    struct buf b;
    char *r;

    if (comma == NULL)
        return strdup(s);
    first = comma + 1;
    while (*first == ' ')
        first++;
    end = strchr(first, ',');
    if (end == NULL)
        end = first + strlen(first);
    if (end == first || (*first >= '0' && *first <= '9'))
        return dup_span(s, (size_t)(comma - s));
    buf_init(&b, META_MAX);
    buf_add(&b, first, (size_t)(end - first));
    buf_adds(&b, " ");
    buf_add(&b, s, (size_t)(comma - s));
    r = buf_take(&b);
    buf_cleanup(&b);
    return r;
}

static void read_title_element(struct markup *m, xmlNode *n)
{
    static const char *const prefixes[] = { "The Project Gutenberg eBook of ",
                                            "The Project Gutenberg EBook of ",
                                            "Project Gutenberg's ", NULL };
    char *t = markup_node_text(n), *by;
    size_t i, len;

    if (t == NULL)
        return;
    for (i = 0; prefixes[i]; i++) {
        size_t n2 = strlen(prefixes[i]);
        if (strncasecmp(t, prefixes[i], n2) == 0) {
            memmove(t, t + n2, strlen(t + n2) + 1);
            by = strstr(t, ", by ");
            if (by) {
                set_once(&m->meta.author, strdup(by + 5));
                *by = '\0';
            }
            break;
        }
    }
    len = strlen(t);
    while (len > 0 && (t[len - 1] == '.' || t[len - 1] == ' '))
        t[--len] = '\0';
    if (m->meta.author) {
        len = strlen(m->meta.author);
        while (len > 0 && m->meta.author[len - 1] == '.')
            m->meta.author[--len] = '\0';
    }
    if (len == 0) {
        free(t);
        return;
    }
    set_once(&m->meta.title, t);
}

void markup_read_head(struct markup *m, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc), *head = NULL, *c;
    struct markup_meta *mm = &m->meta;
    xmlNode *title = NULL;
    xmlChar *lang;

    if (root == NULL)
        return;
    for (c = root->children; c && head == NULL; c = c->next) {
        if (name_is(c, "head"))
            head = c;
    }
    for (c = head ? head->children : NULL; c; c = c->next) {
        xmlChar *name, *content;
        char *v;
        if (name_is(c, "title")) {
            title = c;
            continue;
        }
        if (!name_is(c, "meta"))
            continue;
        name = xmlGetProp(c, (const xmlChar *)"name");
        content = xmlGetProp(c, (const xmlChar *)"content");
        v = content ? fold((const char *)content, 0) : NULL;
        if (name && v) {
            const char *k = (const char *)name;
            char **field = NULL;
            if (!strcasecmp(k, "dc.title") || !strcasecmp(k, "dcterms.title"))
                field = &mm->title;
            else if (!strcasecmp(k, "dc.language") || !strcasecmp(k, "dcterms.language"))
                field = &mm->language;
            else if (!strcasecmp(k, "description") || !strcasecmp(k, "dc.description") ||
                     !strcasecmp(k, "dcterms.description"))
                field = &mm->description;
            else if (!strcasecmp(k, "dc.date") || !strcasecmp(k, "dcterms.created") ||
                     !strcasecmp(k, "dcterms.issued"))
                field = &mm->date;
            if (field) {
                set_once(field, v);
                v = NULL;
            } else if (!strcasecmp(k, "author") || !strcasecmp(k, "dc.creator") ||
                       !strcasecmp(k, "dcterms.creator")) {
                set_once(&mm->author, person_name(v));
            }
        }
        free(v);
        xmlFree(name);
        xmlFree(content);
    }
    if (title && !m->ao3)
        read_title_element(m, title);
    lang = xmlGetProp(root, (const xmlChar *)"lang");
    if (lang == NULL)
        lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    if (lang && lang[0])
        set_once(&mm->language, fold((const char *)lang, 0));
    xmlFree(lang);
}

/* ---- the walk */

static void walk(struct markup *m, xmlNode *n, int depth);

static void fail(struct markup *m, dramatis_status st)
{
    if (m->status == DRAMATIS_OK)
        m->status = st;
}

static int pg_line(const char *t, size_t s, size_t e, const char *which)
{
    return e - s < 400 && span_icontains(t, s, e, which) &&
           span_icontains(t, s, e, "project gutenberg");
}

/* The block just ended, [s, e) of the text: a paragraph, a scene break,
 * Project Gutenberg's START or END line, or nothing. */
static void finish_block(struct markup *m, size_t s, size_t e)
{
    struct extract *ex = m->ex;
    const char *t = ex->text.data;
    size_t ts = s, te = e;

    text_trim(t, &ts, &te);
    if (ts == te) {
        extract_drop(ex, s);
        return;
    }
    if (pg_line(t, ts, te, "*** start of")) {
        extract_drop(ex, s);
        extract_reset(ex);
        return;
    }
    if (pg_line(t, ts, te, "*** end of")) {
        extract_drop(ex, s);
        m->pg_ended = 1;
        return;
    }
    if (line_classify(t, ts, te) == BLOCK_BREAK) {
        extract_drop(ex, s);
        extract_scene_break(ex);
        return;
    }
    fail(m, extract_keep(ex, ts, te));
    m->chapter_head = 0;
    m->doc_fresh = 0;
}

static void end_block(struct markup *m)
{
    size_t s, e;

    if (extract_end(m->ex, &s, &e))
        finish_block(m, s, e);
}

static void walk_children(struct markup *m, xmlNode *n, int depth)
{
    xmlNode *c;

    for (c = n->children; c && m->status == DRAMATIS_OK && !m->pg_ended; c = c->next)
        walk(m, c, depth + 1);
}

/* `CHAPTER I.` and `Down the Rabbit-Hole`: `CHAPTER I: Down the Rabbit-Hole`. */
static void add_subtitle(struct markup *m, struct extract_chapter *ch, const char *sub, size_t end)
{
    struct buf b;
    size_t len = strlen(ch->title);

    while (len > 0 && (ch->title[len - 1] == '.' || ch->title[len - 1] == ':'))
        len--;
    buf_init(&b, META_MAX);
    buf_add(&b, ch->title, len);
    buf_adds(&b, ": ");
    if (buf_adds(&b, sub) != DRAMATIS_OK) {
        buf_cleanup(&b);
        fail(m, DRAMATIS_ERR_NOMEM);
        return;
    }
    free(ch->title);
    ch->title = buf_take(&b);
    buf_cleanup(&b);
    ch->title_end = end;
}

dramatis_status markup_heading(struct markup *m, int level, int force)
{
    struct extract *ex = m->ex;
    struct extract_chapter *cur;
    size_t s, e, ts, te;
    char *title;

    if (m->status != DRAMATIS_OK || !extract_end(ex, &s, &e))
        return m->status;
    ts = s;
    te = e;
    text_trim(ex->text.data, &ts, &te);
    title = ts < te ? dup_span(ex->text.data + ts, te - ts) : NULL;
    if (title == NULL) {
        extract_drop(ex, s);
        return ts < te ? DRAMATIS_ERR_NOMEM : DRAMATIS_OK;
    }
    cur = extract_current(ex);
    if (!force && cur == NULL &&
        ((m->book_title && strcasecmp(title, m->book_title) == 0) ||
         (level > 0 && level == m->title_level))) {
        /* the book's title over its first page */
        if (m->meta.title == NULL) {
            m->meta.title = title;
            title = NULL;
        }
        extract_drop(ex, s);
    } else if (m->by_contents && m->chapter_head && cur) {
        /* the heading of a chapter the contents opened: its title */
        if (cur->title == NULL || cur->title[0] == '\0') {
            free(cur->title);
            cur->title = title;
            title = NULL;
        }
        if (cur->title_start == cur->title_end)
            cur->title_start = ts;
        cur->title_end = te;
        fail(m, extract_keep_heading(ex, ts, te));
    } else if (force || (m->by_contents && m->doc_fresh) ||
               (!m->by_contents && m->chapter_level > 0 && level <= m->chapter_level)) {
        fail(m, extract_chapter(ex, title, ts, te));
        fail(m, extract_keep_heading(ex, ts, te));
        m->chapter_head = 1;
    } else if (!m->by_contents && m->chapter_head && cur && cur->title && cur->title_end > 0) {
        add_subtitle(m, cur, title, te);
        fail(m, extract_keep_heading(ex, ts, te));
    } else {
        finish_block(m, s, e);   /* a heading inside a chapter is read */
    }
    free(title);
    return m->status;
}

void markup_end_block(struct markup *m)
{
    end_block(m);
}

/* A heading element; force: AO3's chapter heading, always a chapter's. */
static void heading(struct markup *m, xmlNode *n, int level, int depth, int force)
{
    end_block(m);
    walk_children(m, n, depth);
    markup_heading(m, level, force);
}

/* AO3's <div class="meta">: a chapter's heading, then its notes. */
static void ao3_meta(struct markup *m, xmlNode *n, int depth)
{
    xmlNode *c;

    end_block(m);
    for (c = n->children; c; c = c->next) {
        if (name_is(c, "h2") && markup_has_class(c, "heading")) {
            heading(m, c, 2, depth, 1);
            return;
        }
    }
}

/* Whether an EPUB's contents open a chapter at this element. */
static void contents_target(struct markup *m, xmlNode *n)
{
    xmlChar *id;
    size_t i;

    if (m->n_targets == 0)
        return;
    id = xmlGetProp(n, (const xmlChar *)"id");
    if (id == NULL)
        return;
    for (i = 0; i < m->n_targets; i++) {
        if (strcmp(m->targets[i].id, (const char *)id) == 0) {
            end_block(m);
            fail(m, extract_chapter(m->ex, m->targets[i].label, 0, 0));
            m->chapter_head = 1;
            break;
        }
    }
    xmlFree(id);
}

static void walk_element(struct markup *m, xmlNode *n, int depth)
{
    static const char *const blocks[] = {
        "p", "div", "section", "article", "aside", "header", "footer", "main", "blockquote",
        "li", "ul", "ol", "dl", "dt", "dd", "pre", "table", "thead", "tbody", "tfoot", "tr", "td",
        "th", "caption", "center", "address", "body", "html", "hgroup", "details", "summary",
        "fieldset", "legend", NULL
    };
    static const char *const emphasis[] = { "em", "i", "cite", NULL };
    struct extract *ex = m->ex;
    int level;

    if (name_is(n, "div") && id_is(n, "preface") && is_ao3_preface(n, 0)) {
        m->ao3 = 1;
        read_preface(m, n, 0);
        end_block(m);
        /* what follows is the work: a one-chapter work is titled by it */
        fail(m, extract_chapter(ex, NULL, 0, 0));
        m->chapter_head = 1;
        return;
    }
    if (skip_element(m, n))
        return;
    contents_target(m, n);
    if (m->ao3 && name_is(n, "div") && markup_has_class(n, "meta")) {
        ao3_meta(m, n, depth);
        return;
    }
    level = heading_level(n);
    if (level > 0) {
        heading(m, n, level, depth, 0);
        return;
    }
    if (name_is(n, "br")) {
        end_block(m);
        return;
    }
    if (name_is(n, "hr")) {
        end_block(m);
        extract_scene_break(ex);
        return;
    }
    if (name_in(n, emphasis)) {
        fail(m, extract_emphasis(ex, 1));
        walk_children(m, n, depth);
        fail(m, extract_emphasis(ex, 0));
        return;
    }
    if (name_is(n, "q")) {
        fail(m, extract_insert(ex, "\""));
        walk_children(m, n, depth);
        fail(m, extract_insert(ex, "\""));
        return;
    }
    if (name_in(n, blocks)) {
        end_block(m);
        walk_children(m, n, depth);
        end_block(m);
        return;
    }
    walk_children(m, n, depth);
}

static void walk(struct markup *m, xmlNode *n, int depth)
{
    if (depth > DEPTH_MAX || m->status != DRAMATIS_OK || m->pg_ended)
        return;
    switch (n->type) {
    case XML_ELEMENT_NODE:
        walk_element(m, n, depth);
        break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (n->content)
            fail(m, extract_text(m->ex, (const char *)n->content, strlen((const char *)n->content)));
        break;
    case XML_ENTITY_REF_NODE: {
        /* `&nbsp;` in XHTML that declares no entities: the HTML meaning */
        const htmlEntityDesc *d = n->name ? htmlEntityLookup(n->name) : NULL;
        if (d) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t len = utf8proc_encode_char((utf8proc_int32_t)d->value, enc);
            if (len > 0)
                fail(m, extract_text(m->ex, (const char *)enc, (size_t)len));
        }
        break;
    }
    default:
        break;
    }
}

dramatis_status markup_walk(struct markup *m, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);

    if (root)
        walk(m, root, 0);
    end_block(m);
    return m->status;
}

static void give(char **to, char **from)
{
    if (*to == NULL) {
        *to = *from;
        *from = NULL;
    }
}

dramatis_status markup_meta_to_book(struct markup_meta *mm, struct dramatis_book *book)
{
    give(&book->title, &mm->title);
    give(&book->author, &mm->author);
    give(&book->meta.language, &mm->language);
    give(&book->meta.description, &mm->description);
    give(&book->meta.date, &mm->date);
    give(&book->meta.series, &mm->series);
    give(&book->meta.series_index, &mm->series_index);
    give(&book->meta.genre, &mm->genre);
    return DRAMATIS_OK;
}

xmlDoc *markup_parse_html(const char *data, size_t size, const char *encoding)
{
    if (size > (size_t)INT32_MAX)
        return NULL;
    return htmlReadMemory(data, (int)size, NULL, encoding,
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
}

dramatis_status markup_finish(struct markup *m, const char *path, struct dramatis_book **out,
                              struct dramatis_error *err)
{
    struct dramatis_book *book = NULL;
    char *fallback = m->meta.title ? NULL : import_title_from_path(path);
    dramatis_status st;

    *out = NULL;
    st = extract_finish(m->ex, m->meta.title ? m->meta.title : fallback, &book);
    if (st != DRAMATIS_OK) {
        free(fallback);
        return error_set(err, st, path, 0, NULL);
    }
    markup_meta_to_book(&m->meta, book);
    if (book->title == NULL) {
        book->title = fallback;
        fallback = NULL;
    }
    free(fallback);
    st = import_book_check(path, book, err);
    if (st != DRAMATIS_OK) {
        dramatis_book_free(book);
        return st;
    }
    *out = book;
    return DRAMATIS_OK;
}
