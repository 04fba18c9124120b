#!/usr/bin/env python3
"""Loads the search page in headless Chromium (Debian's chromium) and checks
what a person would see: the results page and the document view render with
the stylesheet, highlights and no console errors or Content-Security-Policy
violations, the page fits a phone's width, and the search form works.
Optionally saves screenshots.

Usage: tests/browser/check.py --url http://127.0.0.1:PORT/search
                              [--query Q] [--shots DIR] [--chromium PATH]

Talks to Chromium over the DevTools protocol on a pipe
(--remote-debugging-pipe: fd 3 in, fd 4 out, NUL-separated JSON), so it
needs nothing beyond Python's standard library.  Prints TAP-style lines
(ok / not ok) and exits 1 if any check failed, 77 if Chromium is missing.
A control at the end injects an inline script into the page and checks that
the CSP violation is seen, so "no violations" means something.

Accessibility: axe-core (tests/browser/axe/axe.min.js, vendored from npm)
is injected over the protocol (the page's CSP does not apply to it) into the
start, results, document and error pages, in English and in Chinese
(Accept-Language), in the light and the dark colour scheme
(prefers-color-scheme), and must report no violation; a planted empty link
and low-contrast text must be reported, so "0 violations" means something.
The filters (facets) must be reachable with the Tab key and show where the
focus is.  With --zh-query, the Chinese pass searches that (the index should
hold Chinese documents) and saves the Chinese screenshots.
"""
import argparse
import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
	 "--no-first-run", "--disable-background-networking",
	 "--disable-component-update", "--disable-sync",
	 "--disable-default-apps", "--disable-extensions",
	 "--mute-audio", "--hide-scrollbars", "--remote-debugging-pipe"]


class Browser:
	def __init__(self, chromium, timeout=30):
		self.dir = tempfile.mkdtemp(prefix="searcher-chromium-")
		r_in, self.w = os.pipe()  # we write, chromium reads fd 3
		self.r, w_out = os.pipe()  # chromium writes fd 4, we read
		self.timeout = timeout

		def fds():
			# the pipes may already sit on 3 or 4: move them up first
			a = fcntl.fcntl(r_in, fcntl.F_DUPFD, 10)
			b = fcntl.fcntl(w_out, fcntl.F_DUPFD, 10)
			os.dup2(a, 3)
			os.dup2(b, 4)
		self.proc = subprocess.Popen(
			[chromium] + FLAGS + ["--user-data-dir=" + self.dir,
					      "about:blank"],
			stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
			stderr=open(os.path.join(self.dir, "stderr.log"), "w"),
			preexec_fn=fds, close_fds=False)
		os.close(r_in)
		os.close(w_out)
		self.next_id = 0
		self.pending = b""
		self.events = []
		self.session = None

	def close(self):
		try:
			self.send("Browser.close", session=False)
		except Exception:
			pass
		try:
			self.proc.wait(5)
		except subprocess.TimeoutExpired:
			self.proc.kill()
			self.proc.wait()
		for fd in (self.w, self.r):
			try:
				os.close(fd)
			except OSError:
				pass
		if not os.environ.get("KEEP_CHROMIUM"):
			shutil.rmtree(self.dir, ignore_errors=True)

	def _read_msg(self, deadline):
		import select
		while b"\0" not in self.pending:
			left = deadline - time.time()
			if left <= 0:
				raise TimeoutError("no answer from chromium")
			rl, _, _ = select.select([self.r], [], [], left)
			if not rl:
				continue
			chunk = os.read(self.r, 1 << 20)
			if not chunk:
				raise EOFError("chromium closed the pipe")
			self.pending += chunk
		msg, self.pending = self.pending.split(b"\0", 1)
		return json.loads(msg)

	def send(self, method, params=None, session=True):
		self.next_id += 1
		mid = self.next_id
		msg = {"id": mid, "method": method, "params": params or {}}
		if session and self.session:
			msg["sessionId"] = self.session
		os.write(self.w, json.dumps(msg).encode() + b"\0")
		deadline = time.time() + self.timeout
		while True:
			m = self._read_msg(deadline)
			if m.get("id") == mid:
				if "error" in m:
					raise RuntimeError("%s: %s" % (method, m["error"]))
				return m.get("result", {})
			self.events.append(m)

	def wait_event(self, method, timeout=None):
		deadline = time.time() + (timeout or self.timeout)
		for i, m in enumerate(self.events):
			if m.get("method") == method:
				del self.events[i]
				return m
		while True:
			m = self._read_msg(deadline)
			if m.get("method") == method:
				return m
			self.events.append(m)

	def drain(self, secs):
		"""Collects events for a while (late console messages)."""
		deadline = time.time() + secs
		try:
			while True:
				self.events.append(self._read_msg(deadline))
		except TimeoutError:
			pass

	def attach(self):
		t = self.send("Target.createTarget", {"url": "about:blank"})
		s = self.send("Target.attachToTarget",
			      {"targetId": t["targetId"], "flatten": True})
		self.session = s["sessionId"]
		for dom in ("Page", "Runtime", "Log", "Network", "Audits"):
			self.send(dom + ".enable")

	def viewport(self, width, height, mobile):
		self.send("Emulation.setDeviceMetricsOverride",
			  {"width": width, "height": height,
			   "deviceScaleFactor": 1, "mobile": mobile})

	def goto(self, url):
		self.events = []
		self.send("Page.navigate", {"url": url})
		self.wait_event("Page.loadEventFired")
		self.drain(0.3)

	def eval(self, expr):
		r = self.send("Runtime.evaluate",
			      {"expression": expr, "returnByValue": True})
		if "exceptionDetails" in r:
			raise RuntimeError("evaluate %s: %s" % (
				expr, r["exceptionDetails"]))
		return r["result"].get("value")

	def shot(self, path, full=True):
		p = {"format": "png"}
		if full:
			h = self.eval("Math.ceil(document.documentElement"
				      ".scrollHeight)")
			w = self.eval("document.documentElement.clientWidth")
			p["clip"] = {"x": 0, "y": 0, "width": w,
				     "height": min(h, 4000), "scale": 1}
			p["captureBeyondViewport"] = True
		data = self.send("Page.captureScreenshot", p)["data"]
		with open(path, "wb") as f:
			f.write(base64.b64decode(data))

	def problems(self):
		"""Console errors, exceptions, CSP violations, failed loads
		since the last navigation."""
		out = []
		for m in self.events:
			meth, p = m.get("method"), m.get("params", {})
			if meth == "Runtime.exceptionThrown":
				out.append("exception: %s" %
					   p["exceptionDetails"].get("text"))
			elif meth == "Runtime.consoleAPICalled" and \
					p.get("type") in ("error", "assert"):
				out.append("console.%s" % p.get("type"))
			elif meth == "Log.entryAdded" and \
					p["entry"].get("level") == "error":
				out.append("log: %s" % p["entry"].get("text"))
			elif meth == "Audits.issueAdded":
				code = p["issue"].get("code", "")
				if "ContentSecurityPolicy" in code:
					out.append("CSP issue: %s" % json.dumps(
						p["issue"].get("details"))[:300])
			elif meth == "Network.loadingFailed" and \
					not p.get("canceled"):
				out.append("load failed: %s" % p.get("errorText"))
		return out


class Tap:
	def __init__(self):
		self.failed = 0

	def check(self, cond, desc, detail=None):
		if cond:
			print("ok - %s" % desc)
		else:
			self.failed += 1
			print("not ok - %s" % desc)
			if detail:
				for line in str(detail).split("\n")[:20]:
					print("#   " + line)
		sys.stdout.flush()
		return cond


def axe_violations(b, src):
	"""axe-core's violations on the page as it is: a list of strings."""
	if not b.eval("typeof axe !== 'undefined'"):
		b.eval(src + "\n;1")
	r = b.send("Runtime.evaluate", {
		"expression": "axe.run(document, {resultTypes: ['violations']})"
			      ".then(r => r.violations.map(v => v.id + ' ('"
			      " + v.impact + '): ' + v.help + ' -- ' +"
			      " v.nodes.slice(0, 3).map(n => n.target.join(' ')"
			      " + ' ' + (n.failureSummary || '').replace(/\\s+/g,"
			      " ' ').slice(0, 160)).join(' | ')))",
		"awaitPromise": True, "returnByValue": True})
	if "exceptionDetails" in r:
		raise RuntimeError("axe: %s" % r["exceptionDetails"])
	return r["result"]["value"]


def accessibility(b, t, a):
	"""axe on every kind of page, both languages, both colour schemes;
	the facets from the keyboard; a control."""
	with open(a.axe, encoding="utf-8") as f:
		src = f.read()
	b.viewport(1280, 900, False)
	for lang, header, q in (("en", "en", a.query),
				("zh", "zh-CN,zh;q=0.9,en;q=0.5", a.zh_query)):
		b.send("Network.setExtraHTTPHeaders",
		       {"headers": {"Accept-Language": header}})
		qurl = a.url + "?" + urllib.parse.urlencode({"q": q})
		b.goto(qurl)
		doc = b.eval("(document.querySelector('.hit a[href*=\"doc=\"]')"
			     " || {}).href")
		t.check(b.eval("document.documentElement.lang") ==
			("zh-Hans" if lang == "zh" else "en"),
			"%s: the page is in %s" % (lang, lang))
		pages = (("start", a.url), ("results", qurl), ("document", doc),
			 ("error", a.url + "?page=0&q=x"))
		for scheme in ("light", "dark"):
			b.send("Emulation.setEmulatedMedia", {"features": [
				{"name": "prefers-color-scheme", "value": scheme}]})
			for name, url in pages:
				if not url:
					t.check(False, "%s: a %s page to check" %
						(lang, name))
					continue
				b.goto(url)
				v = axe_violations(b, src)
				t.check(v == [], "axe: %s page, %s, %s scheme: 0 "
					"violations (%d)" % (name, lang, scheme,
							     len(v)), "\n".join(v))
				if a.shots and lang == "zh" and scheme == "light" \
						and name in ("results", "document"):
					b.shot(os.path.join(a.shots, "searcher-%s-zh.png"
							    % ("page" if name == "results"
							       else "doc")), False)
		b.send("Emulation.setEmulatedMedia", {"features": []})

	# the facets from the keyboard: each reached with Tab, focus shown
	b.send("Network.setExtraHTTPHeaders", {"headers": {}})
	b.goto(a.url + "?" + urllib.parse.urlencode({"q": a.query}))
	want = b.eval("document.querySelectorAll('aside a').length")
	seen, shown = set(), True
	for _ in range(400):
		b.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Tab",
			"code": "Tab", "windowsVirtualKeyCode": 9})
		b.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Tab",
			"code": "Tab", "windowsVirtualKeyCode": 9})
		f = b.eval("(e => e && e.closest('aside') ? [e.getAttribute("
			   "'href'), getComputedStyle(e).outlineStyle] : null)"
			   "(document.activeElement)")
		if f:
			seen.add(f[0])
			shown = shown and f[1] != "none"
		if want and len(seen) >= want:
			break
	t.check(want and len(seen) == want, "keyboard: every filter link is "
		"reached with Tab (%d of %s)" % (len(seen), want))
	t.check(shown, "keyboard: the focused filter shows a focus outline")

	# control: what axe must see
	b.eval("var a = document.createElement('a'); a.href = '?x';"
	       "document.querySelector('main').appendChild(a);"
	       "var p = document.createElement('p'); p.textContent = 'faint';"
	       "p.style.color = '#f4f4f4'; p.style.background = '#ffffff';"
	       "document.querySelector('main').appendChild(p); 1")
	v = " ".join(axe_violations(b, src))
	t.check("link-name" in v and "color-contrast" in v,
		"control: axe reports a planted empty link and faint text",
		v or "no violation reported")


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--url", required=True,
			help="the page, e.g. http://127.0.0.1:8080/search")
	ap.add_argument("--query", default="export controls")
	ap.add_argument("--shots", help="save screenshots in this folder")
	ap.add_argument("--zh-query", default="export controls",
			help="the query of the Chinese pass")
	ap.add_argument("--axe", default=os.path.join(
		os.path.dirname(os.path.abspath(__file__)), "axe", "axe.min.js"))
	ap.add_argument("--chromium", default=shutil.which("chromium") or
			shutil.which("chromium-browser") or "")
	a = ap.parse_args()
	if not a.chromium:
		print("skip - headless Chromium checks (chromium not installed)")
		return 77
	t = Tap()
	b = Browser(a.chromium)
	try:
		b.attach()
		qurl = a.url + "?" + urllib.parse.urlencode({"q": a.query})

		# the results page, desktop width
		b.viewport(1280, 900, False)
		b.goto(qurl)
		probs = b.problems()
		t.check(not probs, "results page: no console errors, CSP "
			"violations or failed loads", "\n".join(probs))
		t.check(b.eval("document.scripts.length") == 0,
			"results page: no script at all")
		n = b.eval("document.querySelectorAll('li.hit').length")
		t.check(n and n > 0, "results page shows hits (%s)" % n)
		t.check(b.eval("document.querySelectorAll('.snip mark')"
			       ".length") > 0, "snippets have <mark> highlights")
		t.check(b.eval("document.querySelector('input[name=q]')"
			       ".value") == a.query,
			"the search box holds the query")
		bg = b.eval("getComputedStyle(document.querySelector('mark'))"
			    ".backgroundColor")
		t.check(bg not in (None, "", "rgb(255, 255, 0)"),
			"the stylesheet is applied (mark is %s)" % bg)
		t.check(b.eval("getComputedStyle(document.querySelector('.cols'))"
			       ".display") == "grid",
			"the layout has results and facets side by side")
		if a.shots:
			os.makedirs(a.shots, exist_ok=True)
			b.shot(os.path.join(a.shots, "searcher-page.png"), False)

		# phone width: nothing wider than the screen
		b.viewport(390, 844, True)
		b.goto(qurl)
		sw = b.eval("document.documentElement.scrollWidth")
		t.check(sw <= 390, "phone width: no horizontal scrolling "
			"(content %spx wide)" % sw)
		t.check(not b.problems(), "phone width: no console errors",
			"\n".join(b.problems()))
		if a.shots:
			b.shot(os.path.join(a.shots, "searcher-page-phone.png"),
			       False)

		# the document view, from the first result's "read it here"
		b.viewport(1280, 900, False)
		b.goto(qurl)
		doc = b.eval("document.querySelector('.hit a[href*=\"doc=\"]')"
			     ".href")
		t.check(doc and "doc=" in doc, "a hit links to its document "
			"view")
		b.goto(doc)
		probs = b.problems()
		t.check(not probs, "document view: no console errors, CSP "
			"violations or failed loads", "\n".join(probs))
		marks = b.eval("document.querySelectorAll('.text mark')"
			       ".length")
		t.check(marks and marks > 0, "document view highlights the "
			"matches (%s)" % marks)
		paras = b.eval("document.querySelectorAll('.text p').length")
		t.check(paras and paras > 1, "document view keeps paragraphs "
			"(%s)" % paras)
		if a.shots:
			b.shot(os.path.join(a.shots, "searcher-doc.png"), False)

		# the form works with no script: type, press Enter
		b.goto(a.url)
		probs = b.problems()
		t.check(not probs, "home page: no console errors",
			"\n".join(probs))
		b.eval("document.querySelector('input[name=q]').focus()")
		b.send("Input.insertText", {"text": "huawei chips"})
		b.events = []
		b.send("Input.dispatchKeyEvent", {
			"type": "keyDown", "key": "Enter", "code": "Enter",
			"windowsVirtualKeyCode": 13, "text": "\r"})
		b.send("Input.dispatchKeyEvent", {
			"type": "keyUp", "key": "Enter", "code": "Enter",
			"windowsVirtualKeyCode": 13})
		b.wait_event("Page.loadEventFired")
		b.drain(0.3)
		href = b.eval("location.href")
		t.check("q=huawei+chips" in href, "submitting the form searches "
			"(%s)" % href)
		t.check(not b.problems(), "form submission: no CSP violation "
			"(form-action 'self')", "\n".join(b.problems()))

		accessibility(b, t, a)

		# control: an injected inline script must be reported
		b.events = []
		b.eval("var s = document.createElement('script');"
		       "s.textContent = 'document.title = \"pwned\"';"
		       "document.body.appendChild(s); 1")
		b.drain(0.5)
		t.check(any("CSP" in p or "Content Security Policy" in p
			    for p in b.problems()) and
			b.eval("document.title") != "pwned",
			"control: an injected inline script is blocked and the "
			"violation is seen", "\n".join(b.problems()) or
			"no violation reported")
	except Exception as e:  # a hang or a crash is a failure, said plainly
		t.check(False, "browser session", "%s: %s" % (type(e).__name__, e))
	finally:
		b.close()
	return 1 if t.failed else 0


if __name__ == "__main__":
	sys.exit(main())
