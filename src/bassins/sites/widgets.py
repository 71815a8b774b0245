"""The admin's rich-text editor: Trix (npm, vendored by scripts/vendor-frontend.sh, served locally)."""

from django import forms


class RichTextWidget(forms.Widget):
    """A hidden input holding the HTML and the <trix-editor> that edits it (what Trix asks for)."""

    template_name = "sites/widgets/richtext.html"

    class Media:
        css = {"all": ["vendor/trix/trix.css", "sites/admin-editor.css"]}
        js = ["sites/admin-editor.js", "vendor/trix/trix.umd.min.js"]

    def format_value(self, value):
        return value or ""
