// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of EAP methods: one line per method.
 */
#include <string.h>

#include "eapol/method.h"

static const struct eap_method *const eap_methods[] = {
	&eap_method_md5,
	&eap_method_tls,
	&eap_method_peap,
	&eap_method_ttls,
};

const struct eap_method *eap_method_find(uint8_t type)
{
	for (size_t i = 0; i < sizeof(eap_methods) / sizeof(eap_methods[0]); i++)
		if (eap_methods[i]->type == type)
			return eap_methods[i];
	return NULL;
}

const struct eap_method *eap_method_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(eap_methods) / sizeof(eap_methods[0]); i++)
		if (!strcmp(eap_methods[i]->name, name))
			return eap_methods[i];
	return NULL;
}
