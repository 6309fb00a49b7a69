vcl 4.1;
# Varnish 7 in front of the campaign site (docs/deploy.md, "Edge cache").
#
#   varnishd -a :6081 -f /path/to/deploy/varnish.vcl -s malloc,256m
#
# What it does, and why:
# - Anonymous GET/HEAD requests are cached for as long as the app's
#   Cache-Control says (s-maxage), served stale for stale-while-revalidate
#   while a fresh copy is fetched, and for stale-if-error while the app is
#   down or answers with a server error.
# - Cookies the app never reads (analytics: _ga, _fbp, ...) are stripped, so a
#   visitor's cookies do not make every request a miss. Only Django's session
#   and CSRF cookies reach the app; a request with a session cookie (staff, a
#   visitor's flash message) is passed, never cached.
# - The app purges on publish (wagtail.contrib.frontend_cache's HTTP backend,
#   FRONTEND_CACHE_URL): PURGE /path bans the path and every query string of
#   it, so a listing's filtered and paginated variants go at once; BAN / bans
#   everything for the host (a snippet, setting or menu changed).
# - The app's cache and this one each say what they did: X-App-Cache (the
#   app's X-Cache) and X-Cache (HIT, MISS or PASS) with X-Cache-Hits.
#
# Edit the backend and the purgers ACL for your deployment. The cookie names
# below are Django's defaults (SESSION_COOKIE_NAME, CSRF_COOKIE_NAME): change
# them here too if the settings change them.

import cookie;
import std;

# The app: the Procfile's web process. The probe lets Varnish know the app is
# down without waiting for a visitor's request to fail, so that it serves
# stale pages (stale-if-error) at once.
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .timeout = 5s;
        .interval = 5s;
        .window = 5;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may PURGE and BAN: this machine and the app's own addresses (add the
# web processes' private addresses or subnet here). Matched on client.ip,
# the TCP peer: a TLS terminator on this machine must speak the PROXY
# protocol to Varnish (`-a :6086,PROXY`), or every visitor would be
# "localhost".
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # A header only this VCL may set (see vcl_hit): never trust a visitor's.
    if (req.restarts == 0) {
        unset req.http.X-Edge-Refetch;
        unset req.http.X-Edge-Stale;
    }
    # One cache entry per site, whatever the visitor typed.
    set req.http.Host = regsub(std.tolower(req.http.Host), ":(80|443)$", "");
    # Part of the cache key (vcl_hash): two values, not whatever is sent.
    if (req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            # The path and every query string of it, for this host. The
            # path is quoted so that its dots (stories.json) match dots only.
            if (!std.ban("obj.http.X-Edge-Host == " + req.http.Host
                    + " && obj.http.X-Edge-Url ~ ^"
                    + regsuball(regsub(req.url, "\?.*$", ""), "([][.*+?^{}()|$\\])", "\\\1")
                    + "(\?|$)")) {
                return (synth(400, std.ban_error()));
            }
            return (synth(200, "Purged"));
        }
        if (!std.ban("obj.http.X-Edge-Host == " + req.http.Host)) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    # Tracking parameters change nothing on the page: drop them, then sort
    # what is left, so that ?b=2&a=1 and ?a=1&b=2&utm_source=x share an entry.
    if (req.url ~ "(?i)[?&](utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl)=") {
        set req.url = regsuball(req.url,
            "(?i)([?&])(utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl)=[^&]*",
            "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&+", "?");
    }
    set req.url = regsub(std.querysort(req.url), "[?&]+$", "");

    # Only Django's session and CSRF cookies matter to the app.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("sessionid,csrftoken");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff's own pages, and the admin (its sign-in form sets the CSRF cookie).
    if (req.http.Authorization || cookie.isset("sessionid") || req.url ~ "^/(django-)?admin/") {
        return (pass);
    }
    # Anonymous: the CSRF cookie alone changes nothing on a shared page (the
    # public pages carry no CSRF token), so it goes too, and the page is
    # looked up. A POST keeps it (above).
    unset req.http.Cookie;

    # Stale-while-revalidate and stale-if-error (vcl_hit): a hit past its
    # revalidation window is fetched again in the foreground (X-Edge-Refetch);
    # if that fetch fails, the stale copy is served after all (X-Edge-Stale).
    if (req.http.X-Edge-Stale) {
        set req.grace = 3650d;
    } elsif (req.http.X-Edge-Refetch) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hash {
    # The app answers plain HTTP with a redirect to HTTPS: never serve that
    # redirect to an HTTPS visitor, or the page to a plain HTTP one.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    if (obj.ttl >= 0s || req.http.X-Edge-Stale) {
        return (deliver);
    }
    # Stale: within stale-while-revalidate, serve it while Varnish fetches a
    # fresh copy in the background.
    if (obj.ttl + std.duration(obj.http.X-Edge-Revalidate + "s", 0s) > 0s) {
        return (deliver);
    }
    # Past that, only while the app is down (stale-if-error).
    if (!std.healthy(req.backend_hint)) {
        return (deliver);
    }
    set req.http.X-Edge-Refetch = "1";
    return (restart);
}

sub vcl_pass {
    set req.http.X-Edge-Pass = "1";
}

sub vcl_synth {
    # The foreground refetch failed: serve the stale copy (stale-if-error).
    if (req.http.X-Edge-Refetch && !req.http.X-Edge-Stale && resp.status == 503) {
        set req.http.X-Edge-Stale = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    # Ask the app for ESI (the action forms' per-visitor stamp).
    set bereq.http.Surrogate-Capability = {"varnish="ESI/1.0""};
}

sub vcl_backend_response {
    # What a ban is matched against (the ban lurker sees only the object).
    set beresp.http.X-Edge-Host = bereq.http.Host;
    set beresp.http.X-Edge-Url = bereq.url;

    if (beresp.http.Surrogate-Control ~ {"content="ESI/1.0""}) {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }

    # The app's own page cache says HIT or MISS too: keep that apart.
    if (beresp.http.X-Cache) {
        set beresp.http.X-App-Cache = beresp.http.X-Cache;
        unset beresp.http.X-Cache;
    }

    # A server error while refreshing a stale copy: keep serving the copy.
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Edge-Refetch)) {
        return (abandon);
    }

    # Only what the app marks as shared is stored: a response without
    # Cache-Control (a thank-you page, an error) is one visitor's own, where
    # Varnish would otherwise keep it for its default TTL. (Remembered as
    # uncacheable for two minutes, so that such requests are not queued
    # behind each other.)
    if (beresp.http.Cache-Control !~ "(?i)(public|s-maxage)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    # Varnish already read the TTL (s-maxage before max-age) and the grace
    # (stale-while-revalidate) from Cache-Control. The grace becomes the
    # revalidation window (none if the app gives none: not Varnish's default
    # 10 s); the object is kept for stale-if-error, if longer.
    if (beresp.http.Cache-Control !~ "stale-while-revalidate=\d+") {
        set beresp.grace = 0s;
    }
    set beresp.http.X-Edge-Revalidate = regsub(beresp.grace, "\.\d+$", "");
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=(\d+).*$", "\1s"), 0s);
        if (beresp.grace < std.duration(beresp.http.X-Edge-Revalidate + "s", 0s)) {
            set beresp.grace = std.duration(beresp.http.X-Edge-Revalidate + "s", 0s);
        }
    }
}

sub vcl_backend_error {
    # The app could not be reached while refreshing a stale copy.
    if (bereq.is_bgfetch || bereq.http.X-Edge-Refetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.X-Edge-Host;
    unset resp.http.X-Edge-Url;
    unset resp.http.X-Edge-Revalidate;
    if (req.http.X-Edge-Pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
}
