from bassins import richtext


def test_scripts_handlers_styles_and_javascript_links_are_removed():
    dirty = (
        '<p onclick="steal()">Bonjour <script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:alert(1)">x</a> <a href="https://example.org" target="_blank">ok</a>'
        '<img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe></p>'
    )
    clean = richtext.clean(dirty)
    assert "script" not in clean and "onclick" not in clean and "style" not in clean
    assert "javascript:" not in clean and "<img" not in clean and "iframe" not in clean
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in clean
    assert clean.startswith("<p>Bonjour ")


def test_the_title_stays_the_only_h1_and_allowed_markup_is_kept():
    html = "<h1>Titre</h1><div><strong>gras</strong> <em>it</em></div><ul><li>a</li></ul>"
    assert richtext.clean(html) == (
        "<h2>Titre</h2><div><strong>gras</strong> <em>it</em></div><ul><li>a</li></ul>"
    )
    assert (
        richtext.clean('<a href="mailto:a@b.be">m</a><a href="tel:+3221">t</a>').count("href") == 2
    )


def test_plain_text_unescapes_and_collapses():
    assert richtext.plain_text("<p>A &amp; B</p>\n<p> c </p>") == "A & B c"
    assert richtext.clean(None) == "" and richtext.plain_text("") == ""


def test_agenda_descriptions_lose_scripts_and_keep_safe_links():
    dirty = '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">a</a> <a href="https://e.be">b</a></p><style>p{}</style>'
    clean = richtext.clean(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "style" not in clean
    assert '<a href="https://e.be" rel="noopener noreferrer">b</a>' in clean
    assert clean.startswith("<p>Hi ")


def test_plain_text_on_lines_for_calendars_and_mails():
    html = "<p>Un <strong>atelier</strong> &amp; un  débat</p><ul><li>a</li><li>b</li></ul>x<br>y"
    assert richtext.plain_text(html, lines=True) == "Un atelier & un débat\na\nb\nx\ny"
    assert richtext.plain_text(html) == "Un atelier & un débat a b x y"
    assert richtext.plain_text(None, lines=True) == ""
