import type { HelperProgram } from './spawn-helper-runner.js';

/**
 * The spawn helper: a small Perl process that starts task processes for
 * dagline. Node forks its whole process on its main thread for every spawn,
 * and the fork costs more the larger dagline's heap; Perl forks from a few
 * megabytes, in a process of its own, while dagline goes on.
 *
 * It runs at most SLOTS processes at once (its one argument) and queues the
 * rest in the order given, starting the next one itself the moment one ends:
 * no round trip through dagline sits between one task's end and the next
 * one's start.
 *
 * Protocol, on the helper's stdin: frames `<length>\n<payload>`, the payload
 * NUL-separated (no argument, path or environment entry can hold a NUL):
 *
 *   s, id, cwd, log file, kill grace (ms), argc, argv..., count, NAME=value..., count, NAME...
 *                    start (or queue) a process; the environment is given as
 *                    changes to the helper's own: set, then unset
 *   c, id            cancel it if it is still queued
 *
 * On its stdout, one line per event:
 *
 *   r                ready
 *   s ID PID         started, as the leader of a new process group
 *   x ID STATUS      ended, with its raw wait status; what it left in its group is killed
 *   e ID MESSAGE     could not start (no such program, no such folder, ...)
 *   d ID             dropped from the queue by a cancel, never started
 *
 * When its stdin closes (dagline ended, even by SIGKILL), it ends the groups
 * still running (SIGTERM, SIGKILL after the grace) and exits: a dead dagline
 * leaves no task behind to race its `--resume`.
 *
 * A start failure is reported through a close-on-exec pipe, as libuv does: an
 * exec that works closes it empty; one that fails writes errno's text to it.
 */
export const SPAWN_HELPER_PERL = String.raw`
use strict;
# No modules (not POSIX, not even warnings): each task is forked from this process, and a fork
# costs with the memory it copies and the pages both sides then write. POSIX alone took the helper
# from 0.8 to 2 MB of data, and the spawn of 3,000 tasks about 10% longer (docs/benchmarks.md).

$SIG{PIPE} = 'IGNORE';
pipe(my $wake_r, my $wake_w) or die "pipe: $!\n";
$SIG{CHLD} = sub { syswrite($wake_w, 'c') };

my $slots = $ARGV[0] || 1;
my (%task, %exec_error, %grace);    # by pid: the task's id, its start-failure pipe, its kill grace
my (@queue, %queued);               # start requests waiting for a slot, in order; queued ids
my ($in, $out, $closed, $deadline) = ('', "r\n", 0, 0);
# Seconds. Time::HiRes is not in perl-base, and only the grace after dagline ends needs a clock:
# it is loaded then, where there is one; whole seconds otherwise, with the grace rounded up.
my $hires = 0;
sub now { $hires ? Time::HiRes::time() : time }

sub oneline { my $text = shift; $text =~ s/[\r\n]+/ /g; $text }

sub request {
    my ($kind, $id) = split /\0/, $_[0], 3;
    if ($kind eq 's') { push @queue, [$id, $_[0]]; $queued{$id} = 1 }
    elsif ($kind eq 'c' && delete $queued{$id}) {
        @queue = grep { $_->[0] ne $id } @queue;
        $out .= "d $id\n";
    }
}

sub start_queued {
    while (@queue && keys(%task) < $slots) {
        my $next = shift @queue;
        delete $queued{$next->[0]};
        start_task($next->[1]);
    }
}

sub start_task {
    my @field = split /\0/, $_[0], -1;
    my (undef, $id, $cwd, $log, $grace_ms, $argc) = splice @field, 0, 6;
    my @argv = splice @field, 0, $argc;
    my @set = splice @field, 0, shift @field;
    my @unset = splice @field, 0, shift @field;
    my ($err_r, $err_w);
    if (!pipe($err_r, $err_w)) { $out .= "e $id " . oneline("pipe: $!") . "\n"; return }
    my $pid = fork;
    if (!defined $pid) { $out .= "e $id " . oneline("fork: $!") . "\n"; return }
    if ($pid == 0) {
        $SIG{CHLD} = 'DEFAULT';
        $SIG{PIPE} = 'DEFAULT';    # an ignored signal stays ignored across exec
        close $err_r;
        my $fail = sub { syswrite($err_w, "$_[0]: $!"); CORE::exit(127) };    # nothing buffered to flush: all output is syswrite
        # A process group of its own, in the helper's session, which has no terminal (dagline
        # starts the helper with setsid): what Node's detached spawn gives a task, less the session.
        setpgrp(0, 0) or $fail->('setpgrp');
        chdir $cwd or $fail->("working directory $cwd");
        open STDIN, '<', '/dev/null' or $fail->('/dev/null');
        open STDOUT, '>>', $log or $fail->("log $log");
        open STDERR, '>&', \*STDOUT or $fail->('stderr');
        for (@set) { my $i = index $_, '='; $ENV{substr $_, 0, $i} = substr $_, $i + 1 }
        delete @ENV{@unset};
        exec { $argv[0] } @argv;    # (no warnings: Perl's own "Can't exec" would go to dagline's stderr)
        $fail->($argv[0]);
    }
    close $err_w;
    $task{$pid} = $id;
    $exec_error{$pid} = $err_r;
    $grace{$pid} = $grace_ms / 1000;
    $out .= "s $id $pid\n";
}

sub reap {
    while ((my $pid = waitpid(-1, 1)) > 0) {    # 1: WNOHANG, on Linux, macOS and the BSDs
        my $status = $?;
        my $id = delete $task{$pid};
        my $err_r = delete $exec_error{$pid};
        delete $grace{$pid};
        next unless defined $id;
        kill '-KILL', $pid;    # what the task left running in its group
        my $message = '';
        sysread($err_r, $message, 4096);
        close $err_r;
        $out .= $message eq '' ? "x $id $status\n" : "e $id " . oneline($message) . "\n";
    }
}

sub read_requests {
    my $got = sysread(STDIN, $in, 65536, length $in);
    if (!$got) {
        $closed = 1;
        @queue = ();
        my $longest = 0;
        for my $pid (keys %task) {
            kill '-TERM', $pid;
            $longest = $grace{$pid} if $grace{$pid} > $longest;
        }
        $hires = eval { require Time::HiRes; 1 };
        $deadline = now() + $longest + ($hires ? 0 : 1);
        return;
    }
    for (;;) {
        my $newline = index $in, "\n";
        last if $newline < 0;
        my $length = substr $in, 0, $newline;
        last if length($in) < $newline + 1 + $length;
        my $payload = substr $in, $newline + 1, $length;
        substr($in, 0, $newline + 1 + $length) = '';
        request($payload);
    }
}

for (;;) {
    while ($out ne '') {
        my $written = syswrite(STDOUT, $out);
        if (!defined $written) { $out = ''; last }    # dagline is gone: its stdin closes next
        substr($out, 0, $written) = '';
    }
    if ($closed) {
        last if !%task || now() >= $deadline;
    }
    my $rin = '';
    vec($rin, fileno($wake_r), 1) = 1;
    vec($rin, fileno(STDIN), 1) = 1 unless $closed;
    # Perl runs a signal handler at its next safe point, not in the signal: a SIGCHLD that lands just
    # before select blocks is only seen when select returns. While tasks run, select returns every
    # 50 ms whatever happens, so such an end is noticed late, never missed.
    my $wait = $closed ? $deadline - now() : %task ? 0.05 : undef;
    $wait = 0 if defined $wait && $wait < 0;
    my $ready = select(my $rout = $rin, undef, undef, $wait);
    # Interrupted by SIGCHLD: its handler has written to the wake pipe, so the next select sees it
    # together with any request already sent: a cancel is never missed for a task's end.
    next if $ready < 0;
    # One read: select said there is something, and what is left makes the next select return at once.
    if ($ready > 0 && vec($rout, fileno($wake_r), 1)) { my $drop; sysread($wake_r, $drop, 512) }
    reap();
    read_requests() if $ready > 0 && !$closed && vec($rout, fileno(STDIN), 1);
    # After the requests: a cancel that came with a task's end is seen before the freed slot is filled.
    start_queued() unless $closed;
}
kill '-KILL', $_ for keys %task;
`;

/** Perl's own switches from the environment would change how the helper runs: it starts without them. */
const PERL_SETTINGS: ReadonlySet<string> = new Set([
  'PERL5OPT',
  'PERL5LIB',
  'PERLLIB',
  'PERL5DB',
  'PERL_UNICODE',
  'PERLIO',
]);

/** The Perl helper, run by that perl. */
export function perlHelperProgram(perl: string): HelperProgram {
  return { command: perl, args: ['-e', SPAWN_HELPER_PERL], withoutEnv: PERL_SETTINGS };
}
