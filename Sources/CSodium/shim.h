#ifndef FEEDD_CSODIUM_SHIM_H
#define FEEDD_CSODIUM_SHIM_H

/* libsodium's API has no variadic functions, so Swift calls it directly; FeedNotify uses only its HMAC-SHA256
   (crypto_auth_hmacsha256_*), which takes a key of any length. */
#include <sodium.h>

#endif
