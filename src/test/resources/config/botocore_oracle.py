"""What botocore itself makes of config files: the reference the Java reader is tested against.

Reads one JSON request on stdin, writes one JSON answer on stdout.

  {"mode": "views", "cases": [{"config": PATH|null, "credentials": PATH|null}, ...]}
      -> [{"profiles": {...}, "profile_order": [...], "key_order": {...},
           "sso_sessions": {...}, "services": {...}} | {"error": KIND, "line": N|null}, ...]
  {"mode": "text", "shlex": [...], "strip": [...], "lower": [...], "splitlines": [...]}
      -> the Python results, plus every space and line-break code point
"""
import json
import shlex
import sys
import unicodedata

import botocore.configloader
import botocore.exceptions
import botocore.session


def view(case):
    session = botocore.session.Session()
    # a path that does not exist is exactly how botocore sees a missing file
    session.set_config_variable('config_file', case.get('config') or '/nonexistent/ssokit-none')
    session.set_config_variable('credentials_file', case.get('credentials') or '/nonexistent/ssokit-none')
    try:
        full = session.full_config
    except botocore.exceptions.ConfigParseError as e:
        err = e.kwargs.get('error')
        line = getattr(err, 'lineno', None)
        if line is None and getattr(err, 'errors', None):
            line = min(n for n, _ in err.errors)
        return {'error': type(err).__name__, 'line': line}
    # botocore 1.29 predates [services NAME]; map those sections the way botocore 1.31+ does
    services = {}
    for key, values in full.items():
        if key.startswith('services'):
            try:
                parts = shlex.split(key)
            except ValueError:
                continue
            if len(parts) == 2:
                services[parts[1]] = values
    profiles = full['profiles']
    return {
        'profiles': profiles,
        'profile_order': list(profiles),
        'key_order': {name: list(values) for name, values in profiles.items()},
        'sso_sessions': full.get('sso_sessions', {}),
        'services': services,
    }


def text(req):
    def split(s):
        try:
            return shlex.split(s)
        except ValueError:
            return None
    return {
        'shlex': [split(s) for s in req.get('shlex', [])],
        'strip': [s.strip() for s in req.get('strip', [])],
        'lower': [s.lower() for s in req.get('lower', [])],
        'splitlines': [s.splitlines() for s in req.get('splitlines', [])],
        # where capital sigma lowers to the final form, after / before each code point
        'sigma_after': [c for c in range(0x10000)
                        if not 0xd800 <= c < 0xe000 and ('a' + chr(c) + '\u03a3').lower()[-1] == '\u03c2'],
        'sigma_before': [c for c in range(0x10000)
                         if not 0xd800 <= c < 0xe000 and ('a\u03a3' + chr(c)).lower()[1] == '\u03c2'],
        # general categories, so the test can leave out what changed between Unicode versions
        'categories': ''.join(unicodedata.category(chr(c)) for c in range(0x10000)),
        'isspace': [c for c in range(0x10000) if chr(c).isspace()],
        'linebreaks': [c for c in range(0x10000)
                       if not 0xd800 <= c < 0xe000 and len(('a' + chr(c) + 'b').splitlines()) > 1],
    }


def main():
    req = json.load(sys.stdin)
    if req['mode'] == 'views':
        out = [view(c) for c in req['cases']]
    else:
        out = text(req)
    json.dump(out, sys.stdout, ensure_ascii=True)


main()
