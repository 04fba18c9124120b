/*
 * status: the one error convention of lib/ (notmuch has one status type;
 * so do we).  Every function in lib/ that can fail returns ST_OK (0) or one
 * of these negative codes, and most take a trailing `char **err` that gets
 * a malloc'd message for a person (free() it; NULL: no message wanted).
 * lib/ never prints and never exits: the programs turn codes into messages
 * and exit codes.  A bare -1 in lib/ is ST_ERR.
 */
#ifndef STATUS_H
#define STATUS_H

enum {
	ST_OK = 0,
	ST_ERR = -1,	   /* anything else: see the message */
	ST_ENOENT = -2,	   /* no such index, document or file */
	ST_ELOCK = -3,	   /* another writer holds the index's lock */
	ST_EMODIFIED = -4, /* a reader is outdated: reopen and retry */
	ST_ECORRUPT = -5,  /* the index is damaged */
	ST_ENOMEM = -6,	   /* out of memory */
	ST_EQUERY = -7,	   /* query too complex, wildcard cap hit */
	ST_EIO = -8,	   /* could not read or write (disk full, ...) */
	ST_EVERSION = -9,  /* not an index of this engine's format */
	ST_EBINARY = -10,  /* input with NUL bytes or not text */
	ST_EUTF8 = -11,	   /* input that is not valid UTF-8 */
	ST_EEMPTY = -12,   /* input with no text at all */
	ST_ETOOBIG = -13   /* input larger than its limit */
};

#endif
