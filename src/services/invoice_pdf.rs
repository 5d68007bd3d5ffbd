//! The invoice as an A4 PDF, in the standard Helvetica fonts (nothing
//! embedded, so the file stays a few kilobytes). Those fonts cover Western
//! European text (WinAnsi); a character outside it prints as `?`.

use super::invoice_document::InvoiceDocument;
use printpdf::{
    BuiltinFont, Color, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem,
};

const LEFT: f32 = 20.0;
const RIGHT_COLUMN: f32 = 110.0;
const AMOUNT_COLUMN: f32 = 150.0;
const LINE: f32 = 5.5;

/// Text placed on the page, top-down.
struct Page {
    ops: Vec<Op>,
}

impl Page {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let font = if bold {
            BuiltinFont::HelveticaBold
        } else {
            BuiltinFont::Helvetica
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(y)),
            },
            Op::SetFont {
                font: PdfFontHandle::Builtin(font),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn rule(&mut self, y: f32) {
        let at = |x: f32| LinePoint {
            p: Point::new(Mm(x), Mm(y)),
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![at(LEFT), at(190.0)],
                is_closed: false,
            },
        });
    }

    /// Lines one under the other from `y`; returns where the next goes.
    fn block(&mut self, x: f32, mut y: f32, lines: &[String]) -> f32 {
        for (i, l) in lines.iter().enumerate() {
            self.text(x, y, 10.0, i == 0, l);
            y -= LINE;
        }
        y
    }
}

/// The PDF bytes of the invoice.
pub fn render(doc: &InvoiceDocument) -> Vec<u8> {
    let mut page = Page {
        ops: vec![Op::SetOutlineColor {
            col: Color::Rgb(Rgb {
                r: 0.6,
                g: 0.6,
                b: 0.6,
                icc_profile: None,
            }),
        }],
    };
    page.text(LEFT, 270.0, 20.0, true, &doc.title);
    page.text(LEFT, 262.0, 10.0, false, &doc.date);
    page.text(LEFT, 248.0, 9.0, false, "From");
    page.text(RIGHT_COLUMN, 248.0, 9.0, false, "To");
    let below_seller = page.block(LEFT, 242.0, &doc.seller);
    let below_buyer = page.block(RIGHT_COLUMN, 242.0, &doc.buyer);
    let mut y = below_seller.min(below_buyer) - 8.0;
    page.text(LEFT, y, 10.0, true, "Description");
    page.text(AMOUNT_COLUMN, y, 10.0, true, "Amount");
    y -= 2.5;
    page.rule(y);
    y -= LINE;
    page.text(LEFT, y, 10.0, false, &doc.description);
    page.text(AMOUNT_COLUMN, y, 10.0, false, &doc.amount);
    y -= 3.0;
    page.rule(y);
    y -= LINE;
    for (i, (label, amount)) in doc.totals.iter().enumerate() {
        let last = i + 1 == doc.totals.len();
        page.text(RIGHT_COLUMN, y, 10.0, last, label);
        page.text(AMOUNT_COLUMN, y, 10.0, last, amount);
        y -= LINE;
    }
    page.text(LEFT, y - 8.0, 10.0, false, &doc.status);
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), page.ops)]);
    let mut warnings = Vec::new();
    pdf.save(&PdfSaveOptions::default(), &mut warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_is_a_pdf_holding_its_title() {
        let doc = InvoiceDocument {
            title: "Invoice #1001".into(),
            date: "1 Dec 2026".into(),
            date_rfc3339: "2026-12-01T10:00:00Z".into(),
            seller: vec!["Studio Müller GmbH".into()],
            buyer: vec!["Acme".into()],
            description: "10 credits".into(),
            amount: "€290.00".into(),
            totals: vec![("Total (EUR)".into(), "€290.00".into())],
            status: "Payable by bank transfer.".into(),
            file_name: "invoice-1001.pdf".into(),
        };
        let bytes = render(&doc);
        assert!(bytes.starts_with(b"%PDF-"), "{:?}", &bytes[..8]);
        assert!(bytes.len() < 50_000, "{} bytes", bytes.len());
    }
}
