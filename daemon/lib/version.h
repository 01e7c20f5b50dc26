/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APEDGED_VERSION_H
#define APEDGED_VERSION_H

#ifndef APEDGED_VERSION
#define APEDGED_VERSION "0.1.0"
#endif

#endif
