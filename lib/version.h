/*
 * version: the engine's version, in one place.  Both programs print it for
 * --version, the JSON output and the page footer carry it.  Bump it with
 * each release (and the man pages' .TH lines with it).
 */
#ifndef VERSION_H
#define VERSION_H

#define ENGINE_VERSION "0.9.0"

#endif
