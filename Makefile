# ache: a private, terminal-first pain diary.
#
#   make run      build, then open the diary on the default database
#   make check    build and run every test (installs missing build deps)
#   make help     all targets
#
# Targets that build call `make deps` first and then re-enter make, so that
# pkg-config is asked only after any missing library has been installed.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
DATADIR  = $(PREFIX)/share/ache
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

CC      ?= cc
BUILD   ?= build
SANITIZE ?=

PKGS      = ncursesw sqlite3 libsodium
TEST_PKGS = check
UI_PKGS   = vterm

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla
ifneq ($(CI),)
WARN += -Werror
endif

ifeq ($(SANITIZE),1)
OPT = -O1 -g -fno-omit-frame-pointer \
      -fsanitize=address,undefined -fno-sanitize-recover=all
else
OPT = -O2 -g -D_FORTIFY_SOURCE=2
endif

# -MMD -MP: each object records the headers it read (build/obj/*.d), so a
# header change rebuilds only the files that include it.
CPPFLAGS_ALL = -Iinclude -D_GNU_SOURCE -MMD -MP $(CPPFLAGS)
CFLAGS_ALL   = -std=c11 $(OPT) -fstack-protector-strong $(WARN) $(CFLAGS)
LDFLAGS_ALL  = $(filter -fsanitize=%,$(OPT)) $(LDFLAGS)

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
LIB_OBJ  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) \
           $(BUILD)/obj/gen/tags_catalogue.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
UI_SRC   = $(wildcard tests/ui/test_*.c)
UI_BIN   = $(patsubst tests/ui/test_%.c,$(BUILD)/tests/ui_test_%,$(UI_SRC))
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_REPLAY = $(patsubst tests/fuzz/%.c,$(BUILD)/tests/replay_%,$(FUZZ_SRC))

.PHONY: all run demo check check-asan check-valgrind check-html check-future \
        deps install \
        uninstall clean fuzz fuzz-build help build-all unit-tests cli-tests fuzz-replay \
        man-lint test-all ui-tests check-layers

all: deps
	@$(MAKE) --no-print-directory build-all

help:
	@echo "make            build ache"
	@echo "make run        build and open the diary on the default database"
	@echo "make demo       open the diary on a made-up two-year history"
	@echo "make check      build and run every test"
	@echo "make check-asan every test under AddressSanitizer and UBSan"
	@echo "make check-valgrind  the unit tests and screen-test programs under valgrind"
	@echo "make check-html the HTML clinic report in headless Chromium"
	@echo "make check-future  the command and screen tests with the clock"
	@echo "                moved $(FUTURE) ahead (faketime)"
	@echo "make check-layers  every #include against the layers of"
	@echo "                docs/ARCHITECTURE.md (part of make check)"
	@echo "make fuzz       the libFuzzer targets (imports, settings, command"
	@echo "                line; clang), each for FUZZ_SECONDS=$(FUZZ_SECONDS)"
	@echo "make bench      speed and memory against their targets (bench-record"
	@echo "                also rewrites tests/bench/RESULTS.md)"
	@echo "make stats-rates  how often insights finds planted effects and invents"
	@echo "                others, on STATS_SEEDS=$(STATS_SEEDS) made-up diaries a situation"
	@echo "make deps       install missing build dependencies (Debian/Ubuntu)"
	@echo "make install    install to PREFIX=$(PREFIX) (DESTDIR honoured)"
	@echo "make clean      remove build output"

run: all
	./ache

# The diary on two years of made-up history, in a folder removed after.
demo: all
	@dir=$$(mktemp -d /tmp/ache-demo-XXXXXX) && \
	  ./ache --db "$$dir/diary.db" demo --days 730 && \
	  ./ache --db "$$dir/diary.db"; rc=$$?; rm -rf "$$dir"; exit $$rc

check: deps
	@$(MAKE) --no-print-directory test-all

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 test-all

check-valgrind: deps
	@$(MAKE) --no-print-directory build-all $(UNIT_BIN) $(UI_BIN)
	@command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }
	@fail=0; for t in $(UNIT_BIN) $(UI_BIN); do \
	  echo "== valgrind $$t"; \
	  ACHE_BIN=$(abspath ache) ACHE_UNDER_VALGRIND=1 CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
	    --child-silent-after-fork=yes \
	    --errors-for-leak-kinds=definite,indirect $$t || fail=1; \
	done; exit $$fail

# The command and screen tests with the system clock moved years ahead
# (libfaketime; a relative offset, so the clock still ticks): a test that
# reads the wall clock, or a date that only passes today, fails here.
FUTURE ?= +1000d
check-future: deps
	@$(MAKE) --no-print-directory build-all $(UI_BIN)
	@echo "== the clock moved $(FUTURE): $$(faketime -f '$(FUTURE)' date -u +%F)"
	@faketime -f '$(FUTURE)' $(MAKE) --no-print-directory cli-tests ui-tests

# The HTML report of a demo diary, rendered by headless Chromium (Debian
# package chromium): its SVG pictures are in the DOM, its page not blank.
check-html: all
	@ACHE_BIN=$(abspath $(ACHE_BIN)) bash tests/html/check_html.sh

# ---- build ---------------------------------------------------------------

PKG_CFLAGS   := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS     := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CHECK_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
VTERM_CFLAGS := $(shell pkg-config --cflags $(UI_PKGS) 2>/dev/null)
VTERM_LIBS   := $(shell pkg-config --libs $(UI_PKGS) 2>/dev/null)

ACHE_BIN = $(if $(filter build,$(BUILD)),ache,$(BUILD)/ache)

# ./ache takes ncursesw from its static archive when that is installed (as
# Debian's libncurses-dev does): every command then starts about 0.3 ms
# sooner, without two more shared libraries to load and bind, which a shell
# prompt running `ache spark` feels. CURSES_STATIC=0, or no archive, links
# the shared library. SQLite and libsodium stay the system's shared
# libraries.
CURSES_STATIC ?= 1
CURSES_LIBDIR := $(shell pkg-config --variable=libdir ncursesw 2>/dev/null)
CURSES_L      := $(shell pkg-config --libs-only-l ncursesw 2>/dev/null)
CURSES_A      := $(foreach l,$(CURSES_L:-l%=%),$(CURSES_LIBDIR)/lib$(l).a)
ifeq ($(CURSES_STATIC)$(words $(CURSES_A)),1$(words $(wildcard $(CURSES_A))))
ifneq ($(CURSES_L),)
ACHE_LIBS = -Wl,-Bstatic $(CURSES_L) -Wl,-Bdynamic \
            $(shell pkg-config --libs sqlite3 libsodium 2>/dev/null) -lm
endif
endif
ACHE_LIBS ?= $(PKG_LIBS)

build-all: $(ACHE_BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d

# The tag catalogue is compiled in, so a new diary gets it wherever the
# program was installed.
$(BUILD)/gen/tags_catalogue.c: data/tags.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' 'BEGIN { print "/* generated from data/tags.tsv */"; \
	  print "const char *const ache_tag_catalogue[][2] = {" } \
	  /^#/ || NF < 2 { next } \
	  { printf "    {\"%s\", \"%s\"},\n", $$1, $$2 } \
	  END { print "    {0, 0}};" }' $< > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/tags_catalogue.o: $(BUILD)/gen/tags_catalogue.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libache.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(ACHE_BIN): $(BUILD)/obj/main.o $(BUILD)/libache.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(ACHE_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/testutil.h tests/unit/golden.h \
                     tests/check_main.h \
                     $(BUILD)/libache.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests/unit $(PKG_CFLAGS) $(CHECK_CFLAGS) $(CFLAGS_ALL) \
	  $(LDFLAGS_ALL) -o $@ $(filter %.c,$^) $(BUILD)/libache.a $(PKG_LIBS) $(CHECK_LIBS)

# The generator's own test links the generator, and so do the tests that
# hold insights to its rates on made-up diaries (tests/unit/test_rates_*.c).
$(BUILD)/tests/test_synth: tests/synth/synth.c tests/synth/synth.h
$(filter $(BUILD)/tests/test_rates_%,$(UNIT_BIN)): tests/synth/synth.c tests/synth/synth.h

$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) \
                        $(BUILD)/libache.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< tests/fuzz/replay.c \
	  $(BUILD)/libache.a $(PKG_LIBS)

# The UI tests drive the real binary in a pseudo-terminal through libvterm.
$(BUILD)/tests/ui_test_%: tests/ui/test_%.c tests/ui/vt.c tests/ui/vt.h tests/ui/uitest.h \
                         tests/check_main.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests/ui $(VTERM_CFLAGS) $(CHECK_CFLAGS) $(PKG_CFLAGS) \
	  $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< tests/ui/vt.c $(VTERM_LIBS) $(CHECK_LIBS) \
	  $(PKG_LIBS) -lutil

# ---- tests ---------------------------------------------------------------

test-all: check-layers build-all unit-tests cli-tests ui-tests fuzz-replay man-lint
	@echo "all tests passed ($(BUILD))"

unit-tests: $(UNIT_BIN)
	@bash tests/run_unit.sh $(UNIT_BIN)

ui-tests: $(UI_BIN) $(ACHE_BIN)
	@ACHE_BIN=$(abspath $(ACHE_BIN)) SUITE_LABEL=ui bash tests/run_unit.sh $(UI_BIN)

cli-tests: $(ACHE_BIN)
	@ACHE_BIN=$(abspath $(ACHE_BIN)) bash tests/cli/run.sh

fuzz-replay: $(FUZZ_REPLAY)
	@for r in $(FUZZ_REPLAY); do \
	  name=$${r##*/replay_fuzz_}; \
	  $$r tests/fuzz/corpus/$$name || exit 1; \
	done

# The layer table of docs/ARCHITECTURE.md against every #include of src/
# and include/, then the check's own test (a bad include of each kind).
check-layers:
	@sh tests/layers/check_layers.sh .
	@sh tests/layers/test_check_layers.sh .

man-lint:
	@out=$$(mandoc -Tlint -W warning man/ache.1 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	echo "man page: mandoc -Tlint clean"

# make fuzz: every tests/fuzz/fuzz_*.c built with clang (libFuzzer, ASan,
# UBSan), then run for FUZZ_SECONDS each over a scratch copy of its corpus
# (new inputs go to build-fuzz/corpus, never into tests/fuzz/corpus). A
# crash, a leak or an input slower than 10 s fails, and leaves the input in
# build-fuzz/crashes: add it to tests/fuzz/corpus/NAME as a regression seed.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_FLAGS    = -std=c11 -g -O1 -fno-omit-frame-pointer -Iinclude -D_GNU_SOURCE -MMD -MP \
                -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ      = $(patsubst src/%.c,build-fuzz/obj/%.o,$(LIB_SRC)) \
                build-fuzz/obj/gen/tags_catalogue.o
FUZZ_BIN      = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))

build-fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@

-include $(FUZZ_OBJ:.o=.d)

build-fuzz/obj/gen/tags_catalogue.o: $(BUILD)/gen/tags_catalogue.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@

build-fuzz/libache.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) build-fuzz/libache.a
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libache.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: deps
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang"; exit 1; }
	@$(MAKE) --no-print-directory fuzz-build
	@fail=0; for b in $(FUZZ_BIN); do \
	  n=$${b##*/fuzz_}; \
	  mkdir -p build-fuzz/corpus/$$n build-fuzz/crashes; \
	  echo "== fuzz $$n for $(FUZZ_SECONDS) s"; \
	  if $$b -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
	      -artifact_prefix=build-fuzz/crashes/$$n- \
	      build-fuzz/corpus/$$n tests/fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1; then \
	    grep -E '^stat::number_of_executed_units|^stat::new_units_added' \
	      build-fuzz/$$n.log | sed 's/^stat::/  /'; \
	  else \
	    tail -n 40 build-fuzz/$$n.log; \
	    echo "fuzz $$n FAILED: see build-fuzz/$$n.log and build-fuzz/crashes"; \
	    fail=1; \
	  fi; \
	done; exit $$fail

# ---- benchmarks (tests/bench; never part of make check) --------------------

BENCH_SRC = tests/bench/bench.c tests/bench/proc.c tests/bench/report.c \
            tests/bench/screen.c tests/bench/history.c tests/bench/tags.c \
            tests/bench/period.c tests/bench/search.c tests/bench/sync.c \
            tests/ui/vt.c
BENCH_BIN = $(BUILD)/bench/bench $(BUILD)/bench/floor $(BUILD)/bench/import_floor \
            $(BUILD)/bench/edit_all $(BUILD)/bench/kdf_floor \
            $(BUILD)/bench/ptyecho
# SQLite alone: the floor must not pay for loading libraries it never uses.
SQLITE_CFLAGS := $(shell pkg-config --cflags sqlite3 2>/dev/null)
SQLITE_LIBS   := $(shell pkg-config --libs sqlite3 2>/dev/null)

.PHONY: bench bench-record bench-build

# Prints the figures; bench-record also rewrites tests/bench/RESULTS.md.
bench: all
	@$(MAKE) --no-print-directory bench-build
	@$(BUILD)/bench/bench $(ACHE_BIN)

bench-record: all
	@$(MAKE) --no-print-directory bench-build
	@$(BUILD)/bench/bench --record tests/bench/RESULTS.md $(ACHE_BIN)

bench-build: $(BENCH_BIN)

$(BUILD)/bench/bench: $(BENCH_SRC) tests/bench/bench.h tests/ui/vt.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests/ui $(VTERM_CFLAGS) $(SQLITE_CFLAGS) $(CFLAGS_ALL) \
	  $(LDFLAGS_ALL) -o $@ $(BENCH_SRC) $(VTERM_LIBS) $(SQLITE_LIBS) -lutil

$(BUILD)/bench/floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(SQLITE_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
	  $(SQLITE_LIBS)

$(BUILD)/bench/import_floor: tests/bench/import_floor.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(SQLITE_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
	  $(SQLITE_LIBS)

# Opens a sealed sync folder (Argon2id) and exits: a sync's floor.
$(BUILD)/bench/kdf_floor: tests/bench/kdf_floor.c $(BUILD)/libache.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
	  $(BUILD)/libache.a $(PKG_LIBS)

# Edits every check-in once through ache's own store (libache.a).
$(BUILD)/bench/edit_all: tests/bench/edit_all.c $(BUILD)/libache.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
	  $(BUILD)/libache.a $(PKG_LIBS)

$(BUILD)/bench/ptyecho: tests/bench/ptyecho.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $<

# ---- insights on made-up diaries (tests/synth; never part of make check) ----

# Measures, does not judge: rates of findings over seeds 1..STATS_SEEDS.
STATS_SEEDS ?= 40
.PHONY: stats-rates

stats-rates: deps
	@$(MAKE) --no-print-directory $(BUILD)/stats/rates
	@$(BUILD)/stats/rates $(STATS_SEEDS)

$(BUILD)/stats/rates: $(wildcard tests/synth/*.c) tests/synth/synth.h $(BUILD)/libache.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ \
	  $(wildcard tests/synth/*.c) $(BUILD)/libache.a $(PKG_LIBS)

# ---- dependencies ----------------------------------------------------------

DEB_PKGS = build-essential pkg-config libncurses-dev libsqlite3-dev libsodium-dev check \
           libvterm-dev mandoc faketime zsh fish
deps:
	@missing=""; \
	for p in $(PKGS) $(TEST_PKGS) $(UI_PKGS); do \
	  pkg-config --exists $$p 2>/dev/null || missing="$$missing $$p"; \
	done; \
	for c in cc pkg-config mandoc faketime; do \
	  command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	for c in zsh fish; do \
	  command -v $$c >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 \
	    || missing="$$missing $$c"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "ache: missing:$$missing"; \
	if command -v apt-get >/dev/null 2>&1; then \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "ache: installing $(DEB_PKGS) with apt-get"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(DEB_PKGS) \
	    || { echo "ache: apt-get failed"; exit 1; }; \
	else \
	  echo "ache: install these, then run make again:"; \
	  echo "  Fedora:   sudo dnf install gcc make pkgconf-pkg-config ncurses-devel sqlite-devel libsodium-devel check-devel libvterm-devel mandoc libfaketime"; \
	  echo "  Arch:     sudo pacman -S base-devel pkgconf ncurses sqlite libsodium check libvterm mandoc libfaketime"; \
	  echo "  Homebrew: brew install pkg-config ncurses sqlite libsodium check libvterm mandoc libfaketime"; \
	  exit 1; \
	fi

# ---- install -----------------------------------------------------------------

install: all
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)
	install -m 755 ache $(DESTDIR)$(BINDIR)/ache
	install -m 644 man/ache.1 $(DESTDIR)$(MANDIR)/ache.1
	install -m 644 data/tags.tsv $(DESTDIR)$(DATADIR)/tags.tsv
	install -d -m 755 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 data/completions/ache.bash $(DESTDIR)$(BASHCOMPDIR)/ache
	install -m 644 data/completions/_ache $(DESTDIR)$(ZSHCOMPDIR)/_ache
	install -m 644 data/completions/ache.fish $(DESTDIR)$(FISHCOMPDIR)/ache.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ache $(DESTDIR)$(MANDIR)/ache.1
	rm -f $(DESTDIR)$(DATADIR)/tags.tsv
	rm -f $(DESTDIR)$(BASHCOMPDIR)/ache $(DESTDIR)$(ZSHCOMPDIR)/_ache \
	  $(DESTDIR)$(FISHCOMPDIR)/ache.fish
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-fuzz ache
