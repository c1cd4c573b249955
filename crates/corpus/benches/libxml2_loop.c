/*
 * libxml2 validating documents in memory, in one process: the fair baseline for iwmo-xsd in the
 * xsd_vs_libxml2 bench, which compiles this file at run time with
 *
 *     cc -O2 -o libxml2_loop libxml2_loop.c $(xml2-config --cflags --libs)
 *
 * Usage: libxml2_loop XSD PASSES FILE...
 *
 * The schema is parsed once and one validation context is reused; every document is read into
 * memory before any timing starts; all error output is silenced (structured handlers that do
 * nothing), so that neither formatting nor printing is measured. Two variants, each timed with
 * CLOCK_MONOTONIC over the whole list of documents, best of PASSES passes:
 *
 *   parse+validate  xmlReadMemory, xmlSchemaValidateDoc, xmlFreeDoc: what lxml and most systems
 *                   do (build the tree, then validate it).
 *   stream          xmlSchemaValidateStream over xmlParserInputBufferCreateMem: SAX parsing with
 *                   the validator plugged in, no tree.
 *
 * Output, one line per variant, for the bench to read:
 *
 *     VARIANT DOCUMENTS VALID BEST_PASS_SECONDS
 *
 * Exit status 0, or 2 on a usage error, an unreadable file or a schema that does not compile
 * (with a message on stderr).
 */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

static void ignore_structured(void *ctx, xmlErrorPtr error) {
    (void)ctx;
    (void)error;
}

static void ignore_generic(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

struct document {
    char *bytes;
    int len;
};

static int read_file(const char *path, struct document *doc) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fclose(f);
            return -1;
        }
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap) {
            break;
        }
        cap *= 2;
        buf = realloc(buf, cap);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return -1;
    }
    doc->bytes = buf;
    doc->len = (int)len;
    return 0;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int parse_and_validate(xmlSchemaValidCtxtPtr vctxt, const struct document *doc) {
    xmlDocPtr tree = xmlReadMemory(doc->bytes, doc->len, "doc.xml", NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (tree == NULL) {
        return 0;
    }
    int valid = xmlSchemaValidateDoc(vctxt, tree) == 0;
    xmlFreeDoc(tree);
    return valid;
}

static int stream_validate(xmlSchemaValidCtxtPtr vctxt, const struct document *doc) {
    xmlParserInputBufferPtr input =
        xmlParserInputBufferCreateMem(doc->bytes, doc->len, XML_CHAR_ENCODING_NONE);
    if (input == NULL) {
        return 0;
    }
    /* The parser context xmlSchemaValidateStream creates takes the buffer over and frees it. */
    return xmlSchemaValidateStream(vctxt, input, XML_CHAR_ENCODING_NONE, NULL, NULL) == 0;
}

static void run(const char *variant, int (*validate)(xmlSchemaValidCtxtPtr, const struct document *),
                xmlSchemaValidCtxtPtr vctxt, const struct document *docs, int n, int passes) {
    double best = -1;
    int valid = 0;
    for (int pass = 0; pass < passes; pass++) {
        valid = 0;
        double start = now();
        for (int i = 0; i < n; i++) {
            valid += validate(vctxt, &docs[i]);
        }
        double elapsed = now() - start;
        if (best < 0 || elapsed < best) {
            best = elapsed;
        }
    }
    printf("%s %d %d %.9f\n", variant, n, valid, best);
}

int main(int argc, char **argv) {
    if (argc < 4 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: %s XSD PASSES FILE...\n", argv[0]);
        return 2;
    }
    const char *xsd = argv[1];
    int passes = atoi(argv[2]);
    int n = argc - 3;

    LIBXML_TEST_VERSION
    xmlSetStructuredErrorFunc(NULL, ignore_structured);
    xmlSetGenericErrorFunc(NULL, ignore_generic);

    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(xsd);
    if (pctxt == NULL) {
        fprintf(stderr, "cannot create a schema parser context for %s\n", xsd);
        return 2;
    }
    xmlSchemaSetParserStructuredErrors(pctxt, ignore_structured, NULL);
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    if (schema == NULL) {
        fprintf(stderr, "schema %s does not compile\n", xsd);
        return 2;
    }
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
    if (vctxt == NULL) {
        fprintf(stderr, "cannot create a validation context\n");
        return 2;
    }
    xmlSchemaSetValidStructuredErrors(vctxt, ignore_structured, NULL);

    struct document *docs = calloc((size_t)n, sizeof *docs);
    if (docs == NULL) {
        fprintf(stderr, "out of memory\n");
        return 2;
    }
    for (int i = 0; i < n; i++) {
        if (read_file(argv[3 + i], &docs[i]) != 0) {
            fprintf(stderr, "cannot read %s\n", argv[3 + i]);
            return 2;
        }
    }

    run("parse+validate", parse_and_validate, vctxt, docs, n, passes);
    run("stream", stream_validate, vctxt, docs, n, passes);

    for (int i = 0; i < n; i++) {
        free(docs[i].bytes);
    }
    free(docs);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pctxt);
    xmlCleanupParser();
    return 0;
}
