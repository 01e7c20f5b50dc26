// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: the module's packet classifier (kmod/classify.c), built in
 * userspace against tests/fuzz/kshim.  The first byte picks the EtherType
 * the frame starts with; the result must always be consistent, also as
 * a strict port sees it (apedge_cls_strict()), and the hooks' fast path
 * (apedge_classify_none()) must never call none a frame the classifier
 * finds ours, malformed, opaque or tagged.
 */
#include <stdlib.h>

#include "classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u16 protos[] = {
		ETH_P_IP, ETH_P_IPV6, ETH_P_8021Q, ETH_P_8021AD,
		ETH_P_802_2, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6,
	};
	struct apedge_cls cls, strict;
	struct sk_buff skb = { 0 };
	unsigned char *copy;
	bool none;
	u8 pclass;

	if (!size)
		return 0;
	/* An exact-size copy, so that ASan sees any read past the end. */
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	skb.data = copy;
	skb.len = size - 1;

	none = apedge_classify_none(&skb, htons(protos[data[0] & 7]), 0);
	apedge_classify(&skb, htons(protos[data[0] & 7]), 0, &cls);
	pclass = apedge_policy_class(&cls);
	if (none && (cls.class != APEDGE_CLS_OTHER || cls.reason ||
		     (cls.flags & (APEDGE_CLSF_OPAQUE | APEDGE_CLSF_VLAN))))
		abort();

	if (cls.class > APEDGE_CLS_MALFORMED || pclass > APEDGE_PCLASS_MAX)
		abort();
	if ((cls.class == APEDGE_CLS_MALFORMED ||
	     (cls.flags & APEDGE_CLSF_OPAQUE)) != (cls.reason != 0))
		abort();
	if ((cls.flags & APEDGE_CLSF_OPAQUE) && cls.class != APEDGE_CLS_OTHER)
		abort();
	strict = cls;
	apedge_cls_strict(&strict);
	if ((strict.class == APEDGE_CLS_MALFORMED) !=
	    (cls.class == APEDGE_CLS_MALFORMED ||
	     (cls.flags & (APEDGE_CLSF_OPAQUE | APEDGE_CLSF_VLAN))))
		abort();
	if (strict.class == APEDGE_CLS_MALFORMED &&
	    (!strict.reason || strict.reason > APEDGE_BAD_MAX))
		abort();
	if (cls.reason > APEDGE_BAD_MAX || cls.l3off > skb.len ||
	    cls.l4off > skb.len)
		abort();
	if ((cls.class == APEDGE_CLS_OTHER) != (pclass == 0))
		abort();
	if (cls.class == APEDGE_CLS_ND &&
	    (cls.type < NDISC_ROUTER_SOLICITATION || cls.type > NDISC_REDIRECT))
		abort();
	free(copy);
	return 0;
}
