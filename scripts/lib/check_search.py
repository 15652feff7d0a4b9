"""The site's search, as a reader uses it: headless Chromium on the site served by nginx.

    python3 scripts/lib/check_search.py BASE_URL SITE_DIR OUT_DIR [--update-docs]

Run by scripts/check-nginx while its nginx serves SITE_DIR at BASE_URL. Reads the expected answers
from the site itself, so it holds for any workspace: the first vendor page linked from the home page
gives a vendor name (its <h1>) and an event headline it links to a briefing. Then, in one browser:

- every page type shows the search box once the index has loaded (home, archive, a briefing, a
  vendor, a scenario, the 404 page);
- searching the vendor name finds the vendor page, with "Section: Vendor" among its tags;
- searching the event headline finds the briefing it links to, with its period and "Section:
  Briefing";
- with JavaScript off, a briefing still shows its content and no search box.

Saves OUT_DIR/search.png (the search box with results for the vendor) and, with --update-docs,
copies it to docs/images/search.png for the README.
"""
import html
import json
import os
import re
import shutil
import sys
import time
import urllib.request
from urllib.parse import quote, urljoin, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium_cdp import Chromium, find_chromium  # noqa: E402

base, site, out = sys.argv[1], sys.argv[2], sys.argv[3]
update_docs = "--update-docs" in sys.argv[4:]
repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
problems = []
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(path):
    return opener.open(base + path, timeout=10).read().decode("utf-8")


def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


home = get("index.html")
vendors = re.findall(r'href="(vendors/[^"]+\.html)"', home)
scenarios = re.findall(r'href="(scenarios/[^"]+\.html)"', home)
briefing = re.search(r'href="(periods/[^"]+/briefing\.html)"', home)
if not vendors or not scenarios or not briefing:
    sys.exit("check-search: error: the home page links no vendor, scenario or briefing")
vendor_path = vendors[0]
vendor_page = get(vendor_path)
vendor_name = text(re.search(r"<h1>(.*?)(?:<span|</h1>)", vendor_page, re.S).group(1))
event = None
for href, headline in re.findall(r'<li>[^<]* — <a href="([^"]+)">(.*?)</a>', vendor_page):
    event = (urlsplit(urljoin(base + vendor_path, href)).path, text(headline))
    break
if event is None:
    sys.exit(f"check-search: error: {vendor_path} links no event to a briefing; the check needs one")

chromium = find_chromium()
if chromium is None:
    sys.exit("check-search: error: Chromium is not installed (scripts/check-browser installs it)")

RESULTS = "Array.from(document.querySelectorAll('.pagefind-ui__result')).map(r => ({" \
          "href: new URL(r.querySelector('.pagefind-ui__result-link').href).pathname, " \
          "title: r.querySelector('.pagefind-ui__result-link').innerText, " \
          "tags: Array.from(r.querySelectorAll('.pagefind-ui__result-tag')).map(t => t.innerText.trim())}))"
SHOWN = "(() => { const box = document.getElementById('site-search'); " \
        "return !!box && !box.hidden && !!box.querySelector('input.pagefind-ui__search-input'); })()"


def search(page, query, expect_path, expect_tags, what):
    url = base + "index.html?q=" + quote(query)
    page.navigate(url)
    waited = page.wait_for(f"{RESULTS}.some(r => r.href === {json.dumps(expect_path)})", 15)
    results = page.evaluate(RESULTS) or []
    if waited is None:
        problems.append(f"searching {what} {query!r}: no result for {expect_path} within 15 s; got {[r['href'] for r in results]}")
        return None
    found = next(r for r in results if r["href"] == expect_path)
    for tag in expect_tags:
        if not any(tag in t for t in found["tags"]):
            problems.append(f"searching {what} {query!r}: the result for {expect_path} lacks the tag {tag!r} (tags {found['tags']})")
    print(f"check-search: {what} {query!r} → {expect_path} ({', '.join(found['tags'])}; {len(results)} result(s), {waited:.2f} s)")
    return found


with Chromium(chromium, width=1280, height=900) as browser:
    page = browser.open(base + "index.html")
    for path in ["index.html", "archive.html", briefing.group(1), vendor_path, scenarios[0], "no-such-page.html"]:
        page.navigate(base + path)
        if page.wait_for(SHOWN, 10) is None:
            problems.append(f"/{path}: no search box once the page has loaded")
    search(page, vendor_name, urlsplit(base + vendor_path).path, ["Section: Vendor"], "the vendor")
    period = event[0].split("/")[-2]
    search(page, event[1], event[0], ["Section: Briefing", f"Period: {period}"], "the event headline")
    # The screenshot for the README: the vendor search, top of the page.
    search(page, vendor_name, urlsplit(base + vendor_path).path, [], "the vendor")
    time.sleep(0.3)
    os.makedirs(out, exist_ok=True)
    shot = os.path.join(out, "search.png")
    page.screenshot(shot, clip={"x": 0, "y": 0, "width": 1280, "height": 900})
    if update_docs:
        os.makedirs(os.path.join(repo, "docs", "images"), exist_ok=True)
        shutil.copyfile(shot, os.path.join(repo, "docs", "images", "search.png"))
        print("check-search: copied the screenshot to docs/images/search.png")
    # Without JavaScript: the content is there and no search box shows.
    page.call("Emulation.setScriptExecutionDisabled", value=True)
    page.navigate(base + briefing.group(1))
    hidden = page.evaluate("(() => { const box = document.getElementById('site-search'); "
                           "return !!box && box.hidden && box.offsetParent === null && document.querySelectorAll('article h2').length > 0; })()")
    if not hidden:
        problems.append(f"/{briefing.group(1)} without JavaScript: the search box shows, or the briefing's headings are missing")

if problems:
    for line in problems:
        print(f"  {line}", file=sys.stderr)
    sys.exit(f"check-search: {len(problems)} problem(s)")
print(f"check-search: ok: the search box on every page type, vendor and event headline found, the site readable without JavaScript; screenshot {shot}")
