#ifndef FEEDD_CPCRE2_SHIM_H
#define FEEDD_CPCRE2_SHIM_H

/* PCRE2 names its functions through token-pasting macros (pcre2_compile -> pcre2_compile_8), which Swift cannot
   import; each wrapper names the 8-bit function with typed arguments. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static inline pcre2_code_8 *cpcre2_compile(const char *pattern, size_t length, uint32_t options, int *error_code,
                                           size_t *error_offset) {
    return pcre2_compile_8((PCRE2_SPTR8)pattern, length, options, error_code, error_offset, NULL);
}
static inline void cpcre2_code_free(pcre2_code_8 *code) { pcre2_code_free_8(code); }
static inline int cpcre2_jit_compile(pcre2_code_8 *code) { return pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE); }
static inline int cpcre2_error_message(int code, char *buffer, size_t size) {
    return pcre2_get_error_message_8(code, (PCRE2_UCHAR8 *)buffer, size);
}
static inline pcre2_match_context_8 *cpcre2_match_context_create(uint32_t match_limit, uint32_t depth_limit) {
    pcre2_match_context_8 *context = pcre2_match_context_create_8(NULL);
    if (context != NULL) {
        pcre2_set_match_limit_8(context, match_limit);
        pcre2_set_depth_limit_8(context, depth_limit);
    }
    return context;
}
static inline void cpcre2_match_context_free(pcre2_match_context_8 *context) { pcre2_match_context_free_8(context); }
static inline pcre2_match_data_8 *cpcre2_match_data_create(void) { return pcre2_match_data_create_8(1, NULL); }
static inline void cpcre2_match_data_free(pcre2_match_data_8 *data) { pcre2_match_data_free_8(data); }
static inline int cpcre2_match(const pcre2_code_8 *code, const char *subject, size_t length, uint32_t options,
                               pcre2_match_data_8 *data, pcre2_match_context_8 *context) {
    return pcre2_match_8(code, (PCRE2_SPTR8)subject, length, 0, options, data, context);
}

#endif
