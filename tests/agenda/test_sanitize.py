from bassins.agenda.sanitize import clean_html, plain_text


def test_scripts_styles_and_handlers_are_removed():
    dirty = '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">a</a> <a href="https://e.be">b</a></p><style>p{}</style>'
    clean = clean_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "style" not in clean
    assert '<a href="https://e.be" rel="noopener noreferrer nofollow">b</a>' in clean
    assert clean.startswith("<p>Hi ")


def test_plain_text_has_no_tag():
    assert plain_text("<p>Un <strong>atelier</strong></p><ul><li>a</li></ul>") == "Un atelier\na"
    assert clean_html(None) == "" == plain_text("")
