/* SPDX-License-Identifier: GPL-2.0 */
/* EAP-MSCHAPv2, the inner method of PEAP (not in the outer registry). */
#ifndef APEDGED_EAPOL_MSCHAPV2_EAP_H
#define APEDGED_EAPOL_MSCHAPV2_EAP_H

#include "eapol/method.h"

extern const struct eap_method eap_method_mschapv2;
/* Why the inner exchange failed, NULL if it has not. */
const char *mschapv2_eap_why(void *st);

#endif
