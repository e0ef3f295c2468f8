"""What a submission reaches for that homework code has no business touching: flagged for the instructor's review.

Flags never change points (the hidden tests decide those); they say where to look. The scan reads the text the
student wrote (answer cells and added cells), with comments removed and string literals kept (a forged
"[grade]" line lives in a string). The run adds what only execution shows (threads left running, System.out
replaced), reported by the grader's last cell.
"""
import re

COMMENTS = re.compile(r'//[^\n]*|/\*.*?\*/', re.S)
STRINGS = re.compile(r'"(?:\\.|[^"\\\n])*"')

# (flag, pattern): the flag's text is what the gradebook's summary shows
PATTERNS = [
    ("exits the JVM (System.exit, Runtime)", r"\bSystem\s*\.\s*exit\b|\bRuntime\b|\bhalt\s*\("),
    ("replaces System.out/err/in", r"\bSystem\s*\.\s*set(Out|Err|In)\b|\bFileDescriptor\b"),
    ("starts processes", r"\bProcess(Builder|Handle)?\b|\.exec\s*\("),
    ("starts threads", r"\bnew\s+Thread\b|\bThread\s*\.\s*(ofVirtual|ofPlatform|startVirtualThread)\b|\bExecutors?\b|"
                       r"\bExecutorService\b|\bForkJoinPool\b|\bCompletableFuture\b|\bTimer\b"),
    ("reflection or JVM/kernel internals", r"\bsetAccessible\b|\bgetDeclared(Field|Method|Constructor)s?\b|"
                                           r"\bjava\s*\.\s*lang\s*\.\s*(reflect|invoke)\b|\bMethodHandles?\b|"
                                           r"\bClass\s*\.\s*forName\b|\bClassLoader\b|\bUnsafe\b|\bStackWalker\b|"
                                           r"\bjdk\s*\.\s*jshell\b|\borg\s*\.\s*rapaio\b|\bgetClassLoader\b|\bInstrumentation\b"),
    ("files or network outside its notebook", r"\bjava\s*\.\s*(io\s*\.\s*File|nio\s*\.\s*file|net)\b|\bFiles\s*\.|"
                                              r"\bPaths?\s*\.\s*(get|of)\b|\bnew\s+File(Input|Output)?(Stream|Writer|Reader)?\s*\(|"
                                              r"\bRandomAccessFile\b|\bSocket\b|\bHttpClient\b|\bURL\b"),
    ("prints the checker's markers ([check]/[grade])", r"\[\s*(grade|check)\s*\]"),
    ("declares its own Check/Homework/Exercise class", r"\b(class|interface|record|enum)\s+(Check|Homework|Exercise|Kit|"
                                                      r"Verdict|CheckResult|Mistake|NotAnsweredYet|ExerciseFailed)\b"),
    ("calls the checker's bookkeeping (Check.report/reset/strict/results)",
     r"\bCheck\s*\.\s*(report|reset|strict|results)\b|\bVerdict\s*\.|\bCheckResult\b|\bHomework\s*\("),
    ("changes system properties or reads the environment", r"\bSystem\s*\.\s*(setProperty|getenv|clearProperty)\b"),
    ("uses the kit's library for an answer (lecture7.* beyond the notebook helpers)",
     r"\blecture7\s*\.\s*(?!notebook\b)\w+"),
]
COMPILED = [(flag, re.compile(p)) for flag, p in PATTERNS]


def strip_comments(code):
    """Removes // and /* */ comments but not comment-like text inside string literals."""
    out, pos = [], 0
    for m in STRINGS.finditer(code):
        out.append(COMMENTS.sub(" ", code[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(COMMENTS.sub(" ", code[pos:]))
    return "".join(out)


def scan(code):
    """The flags the code raises, in the fixed order of PATTERNS."""
    text = strip_comments(code)
    return [flag for flag, rx in COMPILED if rx.search(text)]
