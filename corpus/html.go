package corpus

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polgraph/polgraph"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML reads an HTML page as one article: the visible text of its
// <article>, else <main>, else <body>, without navigation and scripts.
func (r *reader) readHTML(file, id string, in io.Reader) bool {
	limit := 4 * r.max // markup around the text
	data, size, err := readCapped(in, limit)
	if err != nil {
		return r.problem(file, 0, readReason(err))
	}
	if data == nil && size > limit {
		return r.problem(file, 0, fmt.Sprintf("html over %s size limit (%d bytes)", formatSize(limit), size))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return r.problem(file, 0, "malformed HTML: "+err.Error())
	}
	p := readPage(doc)
	a := polgraph.Article{ID: id, Title: p.title, Text: p.text, URL: p.url, Source: p.site}
	return r.record(a, p.date, file, 0, !utf8.Valid(data))
}

// A page is what readPage finds in an HTML document.
type page struct {
	title, text, date, url, site string
}

// readPage reads the title, text and metadata of a parsed document.
func readPage(doc *html.Node) page {
	var (
		p                         page
		h1                        string
		pubMeta, dateMeta, timeDT string
		canonical, ogURL          string
		article, main, body       *html.Node
	)
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.Namespace != "" {
			return true
		}
		switch n.DataAtom {
		case atom.Title:
			if p.title == "" {
				p.title = visibleText(n)
			}
		case atom.H1:
			if h1 == "" {
				h1 = visibleText(n)
			}
		case atom.Article:
			if article == nil {
				article = n
			}
		case atom.Main:
			if main == nil {
				main = n
			}
		case atom.Body:
			if body == nil {
				body = n
			}
		case atom.Time:
			if dt := attr(n, "datetime"); timeDT == "" && dt != "" {
				timeDT = dt
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
				canonical = attr(n, "href")
			}
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			if key == "" {
				key = attr(n, "itemprop")
			}
			content := attr(n, "content")
			switch strings.ToLower(key) {
			case "article:published_time":
				pubMeta = firstNonEmpty(pubMeta, content)
			case "datepublished", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued":
				dateMeta = firstNonEmpty(dateMeta, content)
			case "og:url":
				ogURL = firstNonEmpty(ogURL, content)
			case "og:site_name":
				p.site = firstNonEmpty(p.site, content)
			}
		}
		return true
	}, nil)

	p.title = firstNonEmpty(p.title, h1)
	p.date = firstNonEmpty(pubMeta, dateMeta, timeDT)
	p.url = firstNonEmpty(canonical, ogURL)
	root := doc
	for _, n := range []*html.Node{article, main, body} {
		if n != nil {
			root = n
			break
		}
	}
	p.text = visibleText(root)
	return p
}

// hidden are the elements whose content is not part of the article text.
var hidden = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Iframe: true, atom.Template: true, atom.Head: true, atom.Svg: true,
	atom.Button: true, atom.Select: true,
}

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Tr: true, atom.Li: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Main: true, atom.Body: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true,
}

// visibleText is the text under n: one line per paragraph, white space
// inside a paragraph collapsed to single spaces.
func visibleText(n *html.Node) string {
	var w paragraphs
	walk(n, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			w.text(n.Data)
		case html.ElementNode:
			if hidden[n.DataAtom] {
				return false
			}
			if blocks[n.DataAtom] {
				w.end()
			} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
				w.space = true
			}
		}
		return true
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && blocks[n.DataAtom] {
			w.end()
		}
	})
	w.end()
	return w.out.String()
}

// paragraphs collects text into paragraphs.
type paragraphs struct {
	out   strings.Builder
	cur   strings.Builder
	space bool // a space is due before the next word
}

func (w *paragraphs) text(s string) {
	for _, c := range s {
		if unicode.IsSpace(c) {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(c)
	}
}

func (w *paragraphs) end() {
	if w.cur.Len() > 0 {
		if w.out.Len() > 0 {
			w.out.WriteByte('\n')
		}
		w.out.WriteString(w.cur.String())
		w.cur.Reset()
	}
	w.space = false
}

// walk visits the tree under root in document order without recursion, so
// that deep nesting cannot exhaust the stack. enter returns false to skip a
// node's children; leave, if not nil, is called after them.
func walk(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	n := root
	for {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for {
			if leave != nil {
				leave(n)
			}
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
