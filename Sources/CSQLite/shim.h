// The system SQLite (libsqlite3), used only by the benchmark's baseline.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
