/**
 * The native spawn helper: the Perl helper's protocol and guarantees
 * (spawn-helper-script.ts), in C, for machines with a C compiler. dagline
 * compiles it once into its cache folder (native-helper.ts) and uses it from
 * then on.
 *
 * Why: every task the Perl helper starts is a fork of a Perl interpreter,
 * then the child's Perl setting up the task before exec tears that image
 * down. Here each task is one posix_spawn, which glibc and macOS run as a
 * vfork: nothing is copied, the child only opens its files and execs. Fed the
 * same 3,000 requests, the Perl helper took ~1.5x the time of
 * `xargs -P2 bash -c true` and this one ~1.05x (docs/benchmarks.md).
 *
 * Differences from the Perl helper, none of which dagline sees: a start that
 * fails is reported at once (`e`, with no `s` before it), since posix_spawn
 * reports the exec's failure itself; SIGCHLD wakes the loop from a real
 * signal handler, so no periodic wakeup is needed; the kill grace is kept in
 * milliseconds.
 */
export const SPAWN_HELPER_C = String.raw`
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* glibc before 2.29 (RHEL 8, say) has no chdir file action: there the helper, which has one thread,
 * changes its own folder around the spawn instead. */
#if defined(__GLIBC__) && defined(__GLIBC_PREREQ)
#if !__GLIBC_PREREQ(2, 29)
#define CHDIR_IN_PARENT 1
#endif
#endif

extern char **environ;

/* A start request waiting for a slot: its payload (NUL-separated fields) and its id. */
typedef struct Request { char *payload; size_t length; struct Request *next; } Request;
/* A running task: the leader of its process group. */
typedef struct Task { pid_t pid; char *id; long grace_ms; struct Task *next; } Task;

static Request *queue_head, *queue_tail;
static Task *tasks;
static int running, slots = 1;
static char *out, *in;
static size_t out_length, out_size, in_length, in_size;
static int wake[2];

static void *grow(void *memory, size_t size) {
  void *grown = realloc(memory, size);
  if (!grown) { static const char message[] = "dagline spawn helper: out of memory\n"; (void)!write(2, message, sizeof message - 1); _exit(70); }
  return grown;
}

/* Events for dagline, one a line, written out before the helper waits again. */
static void emit(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *format, ...) {
  for (;;) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(out + out_length, out_size - out_length, format, args);
    va_end(args);
    if (n >= 0 && (size_t)n < out_size - out_length) { out_length += n; return; }
    out_size = out_size * 2 + (n > 0 ? n : 0) + 256;
    out = grow(out, out_size);
  }
}

static void flush_events(void) {
  size_t done = 0;
  while (done < out_length) {
    ssize_t n = write(1, out + done, out_length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break; /* dagline is gone: its end of our input closes next */
    done += n;
  }
  out_length = 0;
}

static void on_child(int signal) {
  (void)signal;
  int saved = errno;
  (void)!write(wake[1], "c", 1);
  errno = saved;
}

static char *one_line(char *text) {
  for (char *p = text; *p; p++) if (*p == '\n' || *p == '\r') *p = ' ';
  return text;
}

/* The helper's own environment with the request's changes: set, then unset. */
static char **task_environment(char **set, int set_count, char **unset, int unset_count) {
  int own = 0;
  while (environ[own]) own++;
  char **env = grow(NULL, sizeof(char *) * (own + set_count + 1));
  int n = 0;
  for (int i = 0; i < own; i++) {
    const char *equals = strchr(environ[i], '=');
    size_t name_length = equals ? (size_t)(equals - environ[i]) : strlen(environ[i]);
    int changed = 0;
    for (int j = 0; j < unset_count && !changed; j++) changed = strlen(unset[j]) == name_length && !strncmp(unset[j], environ[i], name_length);
    for (int j = 0; j < set_count && !changed; j++) changed = !strncmp(set[j], environ[i], name_length) && set[j][name_length] == '=';
    if (!changed) env[n++] = environ[i];
  }
  for (int j = 0; j < set_count; j++) {
    const char *equals = strchr(set[j], '=');
    size_t name_length = equals ? (size_t)(equals - set[j]) : strlen(set[j]);
    int unset_later = 0;
    for (int k = 0; k < unset_count && !unset_later; k++) unset_later = strlen(unset[k]) == name_length && !strncmp(unset[k], set[j], name_length);
    if (!unset_later) env[n++] = set[j];
  }
  env[n] = NULL;
  return env;
}

/*
 * What execvp would run for argv[0]: a name with a slash as it is (the kernel resolves a relative
 * one from the task's folder), else the first executable file of that name in the task's PATH,
 * its relative folders taken from the task's folder.
 */
static const char *find_program(const char *name, const char *cwd, char **env, char *buffer, size_t size, int *error) {
  if (strchr(name, '/')) return name;
  const char *path = "/bin:/usr/bin";
  for (char **entry = env; *entry; entry++) if (!strncmp(*entry, "PATH=", 5)) { path = *entry + 5; break; }
  *error = ENOENT;
  for (const char *folder = path;;) {
    const char *end = strchr(folder, ':');
    int length = end ? (int)(end - folder) : (int)strlen(folder);
    if (length == 0) snprintf(buffer, size, "%s/%s", cwd, name);
    else if (folder[0] != '/') snprintf(buffer, size, "%s/%.*s/%s", cwd, length, folder, name);
    else snprintf(buffer, size, "%.*s/%s", length, folder, name);
    struct stat found;
    if (stat(buffer, &found) == 0 && S_ISREG(found.st_mode)) {
      if (access(buffer, X_OK) == 0) return buffer;
      *error = EACCES;
    }
    if (!end) return NULL;
    folder = end + 1;
  }
}

static int spawn_in_group(pid_t *pid, const char *program, char **argv, char **env, const char *cwd, const char *log) {
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_t actions;
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  /* What the helper ignores or catches goes back to its default in the task: an ignored SIGPIPE would stay ignored across exec. */
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGCHLD);
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  /* A process group of its own, in the helper's session, which has no terminal. */
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_init(&actions);
#ifndef CHDIR_IN_PARENT
  posix_spawn_file_actions_addchdir_np(&actions, cwd);
#else
  int home = open(".", O_RDONLY | O_CLOEXEC);
  if (home < 0 || chdir(cwd) != 0) {
    int error = errno;
    if (home >= 0) close(home);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return error;
  }
#endif
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND | O_CREAT, 0666);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int error = posix_spawn(pid, program, &actions, &attributes, argv, env);
#ifdef CHDIR_IN_PARENT
  if (fchdir(home) != 0) { perror("dagline spawn helper: back to its folder"); _exit(70); }
  close(home);
#endif
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return error;
}

/* Fields: s, id, cwd, log file, kill grace (ms), argc, argv..., count, NAME=value..., count, NAME... */
static void start_task(char *payload, size_t length) {
  size_t count = 1;
  for (size_t i = 0; i < length; i++) count += payload[i] == 0;
  char **field = grow(NULL, sizeof(char *) * (count + 2));
  size_t f = 0;
  field[f++] = payload;
  for (size_t i = 0; i < length; i++) if (payload[i] == 0) field[f++] = payload + i + 1;
  char *id = count > 1 ? field[1] : "?";
  char message[8192] = "";
  if (count < 8) { snprintf(message, sizeof message, "a start request with %zu fields", count); emit("e %s %s\n", id, message); free(field); return; }
  char *cwd = field[2], *log = field[3];
  long grace_ms = atol(field[4]);
  size_t argc = strtoul(field[5], NULL, 10);
  size_t at = 6 + argc;
  size_t set_count = at < count ? strtoul(field[at], NULL, 10) : 0;
  size_t unset_at = at + 1 + set_count;
  size_t unset_count = unset_at < count ? strtoul(field[unset_at], NULL, 10) : 0;
  if (argc == 0 || unset_at + 1 + unset_count > count) { snprintf(message, sizeof message, "a malformed start request"); emit("e %s %s\n", id, message); free(field); return; }
  /* argv, with room in front for /bin/sh should the program turn out to be a script without #! */
  char **argv = grow(NULL, sizeof(char *) * (argc + 2));
  argv[0] = "/bin/sh";
  for (size_t i = 0; i < argc; i++) argv[i + 1] = field[6 + i];
  argv[argc + 1] = NULL;
  char **env = task_environment(field + at + 1, (int)set_count, field + unset_at + 1, (int)unset_count);
  char found[4096];
  int error = 0;
  const char *program = find_program(argv[1], cwd, env, found, sizeof found, &error);
  pid_t pid = 0;
  if (program) {
    error = spawn_in_group(&pid, program, argv + 1, env, cwd, log);
    /* As execvp does: a file the kernel cannot execute is run as a shell script. */
    if (error == ENOEXEC) { argv[1] = (char *)program; error = spawn_in_group(&pid, "/bin/sh", argv, env, cwd, log); argv[1] = field[6]; }
  }
  if (program && error == 0) {
    Task *task = grow(NULL, sizeof *task);
    task->pid = pid;
    task->id = strdup(id);
    task->grace_ms = grace_ms;
    task->next = tasks;
    tasks = task;
    running++;
    emit("s %s %d\n", id, (int)pid);
  } else {
    /* posix_spawn says how it failed, not at which step: look again at the folder and the log. */
    struct stat folder;
    int folder_error = stat(cwd, &folder) != 0 ? errno : !S_ISDIR(folder.st_mode) ? ENOTDIR : access(cwd, X_OK) != 0 ? errno : 0;
    if (folder_error) snprintf(message, sizeof message, "working directory %s: %s", cwd, strerror(folder_error));
    else {
      int log_fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
      if (log_fd < 0) snprintf(message, sizeof message, "log %s: %s", log, strerror(errno));
      else { close(log_fd); snprintf(message, sizeof message, "%s: %s", field[6], strerror(error)); }
    }
    emit("e %s %s\n", id, one_line(message));
  }
  free(env);
  free(argv);
  free(field);
}

static void request(char *payload, size_t length) {
  if (length < 2 || payload[1] != 0) return;
  if (payload[0] == 's') {
    Request *queued = grow(NULL, sizeof *queued);
    queued->payload = grow(NULL, length + 1);
    memcpy(queued->payload, payload, length);
    queued->payload[length] = 0;
    queued->length = length;
    queued->next = NULL;
    if (queue_tail) queue_tail->next = queued;
    else queue_head = queued;
    queue_tail = queued;
  } else if (payload[0] == 'c') {
    char id[256];
    snprintf(id, sizeof id, "%.*s", (int)(length - 2), payload + 2);
    Request *previous = NULL;
    for (Request *queued = queue_head; queued; previous = queued, queued = queued->next) {
      if (strcmp(queued->payload + 2, id) != 0) continue;
      if (previous) previous->next = queued->next;
      else queue_head = queued->next;
      if (queue_tail == queued) queue_tail = previous;
      free(queued->payload);
      free(queued);
      emit("d %s\n", id);
      break;
    }
  }
}

static void start_queued(void) {
  while (queue_head && running < slots) {
    Request *next = queue_head;
    queue_head = next->next;
    if (!queue_head) queue_tail = NULL;
    start_task(next->payload, next->length);
    free(next->payload);
    free(next);
  }
}

static void reap(void) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    Task **link = &tasks;
    while (*link && (*link)->pid != pid) link = &(*link)->next;
    if (!*link) continue;
    Task *task = *link;
    *link = task->next;
    running--;
    kill(-pid, SIGKILL); /* what the task left running in its group */
    emit("x %s %d\n", task->id, status);
    free(task->id);
    free(task);
  }
}

/* Reads what dagline sent and takes each whole frame (<length> NL <payload>); 0 once the input has closed. */
static int read_requests(void) {
  if (in_size - in_length < 65536) { in_size = in_size * 2 + 65536; in = grow(in, in_size); }
  ssize_t got = read(0, in + in_length, in_size - in_length);
  if (got < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (got <= 0) return 0;
  in_length += got;
  size_t at = 0;
  for (;;) {
    char *newline = memchr(in + at, '\n', in_length - at);
    if (!newline) break;
    size_t length = strtoul(in + at, NULL, 10);
    size_t start = (size_t)(newline - in) + 1;
    if (in_length - start < length) break;
    request(in + start, length);
    at = start + length;
  }
  memmove(in, in + at, in_length - at);
  in_length -= at;
  return 1;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc > 1) slots = atoi(argv[1]);
  if (slots < 1) slots = 1;
  signal(SIGPIPE, SIG_IGN);
  if (pipe(wake) != 0) { perror("dagline spawn helper: pipe"); return 70; }
  for (int i = 0; i < 2; i++) { fcntl(wake[i], F_SETFD, FD_CLOEXEC); fcntl(wake[i], F_SETFL, O_NONBLOCK); }
  /* The tasks get their own input and output: dagline's pipes stay out of them. */
  fcntl(0, F_SETFD, FD_CLOEXEC);
  fcntl(1, F_SETFD, FD_CLOEXEC);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_child;
  action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, NULL);
  emit("r\n");
  int closed = 0;
  double deadline = 0;
  for (;;) {
    flush_events();
    if (closed && (!tasks || now() >= deadline)) break;
    struct pollfd watched[2] = { { wake[0], POLLIN, 0 }, { 0, POLLIN, 0 } };
    int timeout = -1;
    if (closed) { double left = deadline - now(); timeout = left <= 0 ? 0 : (int)(left * 1000) + 1; }
    int ready = poll(watched, closed ? 1 : 2, timeout);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && (watched[0].revents & POLLIN)) { char drop[512]; while (read(wake[0], drop, sizeof drop) > 0) {} }
    reap();
    if (ready > 0 && !closed && (watched[1].revents & (POLLIN | POLLHUP | POLLERR)) && !read_requests()) {
      /* dagline is gone (even by SIGKILL): end what still runs, SIGTERM then SIGKILL after the grace. */
      closed = 1;
      while (queue_head) { Request *queued = queue_head; queue_head = queued->next; free(queued->payload); free(queued); }
      queue_tail = NULL;
      long longest = 0;
      for (Task *task = tasks; task; task = task->next) {
        kill(-task->pid, SIGTERM);
        if (task->grace_ms > longest) longest = task->grace_ms;
      }
      deadline = now() + longest / 1000.0;
    }
    /* After the requests: a cancel that came with a task's end is seen before the freed slot is filled. */
    if (!closed) start_queued();
  }
  for (Task *task = tasks; task; task = task->next) kill(-task->pid, SIGKILL);
  flush_events();
  return 0;
}
`;
