"""The simulated devices driven over HTTP (simulation mode only): swipe a
card on the reader, set the printer's paper, see what it printed. The
page /simulator does the same for a person trying the demo."""
import html

from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .httputil import Problem, read_body
from .printer_sim import PAPER_BYTES


class SimulatorAPI:
    def __init__(self, simulation):
        self.simulation = simulation

    async def swipe(self, request):
        data = await read_body(request)
        text = data.get('text')
        if data.get('card') == 'encoder':
            text = self.simulation.encoder_card()
            if not text:
                raise Problem(409, 'blank', "no card written in the encoder")
        if not isinstance(text, str) or not text.isascii():
            raise Problem(422, 'text', "text: what the reader sends")
        self.simulation.reader.swipe(text)
        return JSONResponse({'swiped': True})

    async def paper(self, request):
        data = await read_body(request)
        if data.get('paper') not in PAPER_BYTES:
            raise Problem(422, 'paper', "paper: ok, near_end or out")
        self.simulation.printer.paper = data['paper']
        return JSONResponse({'paper': data['paper']})

    async def receipts(self, request):
        printer = self.simulation.printer
        return JSONResponse({'receipts': [printer.text(i)
                    for i in range(len(printer.jobs))]})

    async def receipt_png(self, request):
        printer = self.simulation.printer
        index = request.path_params['index']
        if not 0 <= index < len(printer.jobs):
            return JSONResponse({'error': {'code': 'unknown_receipt',
                        'message': "no such receipt"}}, status_code=404)
        return Response(printer.png(index), media_type='image/png')

    async def page(self, request):
        printer = self.simulation.printer
        images = ''.join(
            f'<img alt="receipt {i + 1}" src="/v1/simulator/receipts/{i}.png">'
            for i in reversed(range(len(printer.jobs))))
        card = self.simulation.encoder_card()
        return HTMLResponse(PAGE.format(
                card=html.escape('written' if card else 'blank'),
                paper=html.escape(printer.paper), receipts=images))

    def routes(self):
        return [
            Route('/v1/simulator/swipe', self.swipe, methods=['POST']),
            Route('/v1/simulator/paper', self.paper, methods=['POST']),
            Route('/v1/simulator/receipts', self.receipts),
            Route('/v1/simulator/receipts/{index:int}.png', self.receipt_png),
            Route('/simulator', self.page),
            ]


PAGE = '''<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>模拟设备 Simulated devices</title>
<style>body{{font-family:sans-serif;margin:1em}} img{{border:1px solid #ccc;
margin:4px;vertical-align:top}} section{{margin-bottom:1em}}</style>
</head><body>
<h1>模拟设备 Simulated devices</h1>
<section><h2>读卡器 Reader</h2>
<p>编码器中的卡 Card in the encoder: {card}</p>
<button id="swipe-encoder">刷编码器中的卡 Swipe the encoder's card</button>
<input id="text" placeholder=";8899...=...?" size="40">
<button id="swipe-text">刷卡 Swipe</button> <span id="said"></span></section>
<section><h2>打印机 Printer</h2>
<p>纸张 Paper: {paper}
<button data-paper="ok">有纸 ok</button>
<button data-paper="near_end">将尽 near end</button>
<button data-paper="out">缺纸 out</button></p>
{receipts}</section>
<script>
async function post(path, body) {{
  const r = await fetch(path, {{method: 'POST', body: JSON.stringify(body)}});
  const data = await r.json();
  document.getElementById('said').textContent =
    r.ok ? '✓' : data.error.message;
  return r.ok;
}}
document.getElementById('swipe-encoder').onclick =
  () => post('/v1/simulator/swipe', {{card: 'encoder'}});
document.getElementById('swipe-text').onclick = () => post(
  '/v1/simulator/swipe', {{text: document.getElementById('text').value}});
for (const b of document.querySelectorAll('[data-paper]')) {{
  b.onclick = async () => {{
    await post('/v1/simulator/paper', {{paper: b.dataset.paper}});
    location.reload();
  }};
}}
setTimeout(() => location.reload(), 5000);
</script></body></html>
'''
