#ifndef FEEDD_CLIBXML2_SHIM_H
#define FEEDD_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its ICU types clash with the ICU that Foundation bundles
   ("'UErrorCode' has different definitions in different modules"). Read the version header first,
   then hide ICU before any other libxml2 header can pull it in. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/dict.h>
#include <libxml/tree.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* Typed accessors for fields Swift cannot reach comfortably. */

/** Frees a string libxml2 allocated (xmlFree is a function pointer, awkward to call from Swift). */
static inline void cxml_free(void *pointer) {
    xmlFree(pointer);
}

/** Discards one of libxml2's printf-style messages (Swift cannot define a variadic C callback). */
static inline void cxml_discard_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/** This thread's printf-style error channel, saved while it is muted. */
typedef struct {
    void *handler;
    void *context;
} cxml_generic_error_channel;

/** Mutes this thread's printf-style error channel (where some XPath errors go, to stderr), returning the
    previous one for `cxml_restore_generic_errors`. */
static inline cxml_generic_error_channel cxml_mute_generic_errors(void) {
    cxml_generic_error_channel previous = { (void *)xmlGenericError, xmlGenericErrorContext };
    xmlSetGenericErrorFunc(NULL, cxml_discard_generic_error);
    return previous;
}

/** Puts back the channel `cxml_mute_generic_errors` returned. */
static inline void cxml_restore_generic_errors(cxml_generic_error_channel previous) {
    xmlSetGenericErrorFunc(previous.context, (xmlGenericErrorFunc)previous.handler);
}

#endif
