// Certificates per second with PDFsharp, on one core and on all cores, next to Chromium's headless
// print-to-pdf of an equivalent HTML certificate measured in the same run; and memory over many
// certificates. Prints ratios, because the machine is shared and absolute numbers drift.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cme.Domain.Certificates;
using Cme.Infrastructure.Documents;
using QRCoder;

var inv = CultureInfo.InvariantCulture;
var count = Arg("--count", 2000);
var memoryCount = Arg("--memory", 10000);
var chromiumRuns = Arg("--chromium", 5);
var chromium = Environment.GetEnvironmentVariable("CME_CHROMIUM") ?? "/usr/bin/chromium";

var renderer = new PdfSharpDocumentRenderer(Environment.GetEnvironmentVariable("Cme__Fonts__Path"));
var content = new CertificateContent("王小明", "Wang Xiaoming", "基层胸痛：识别急性冠脉综合征与转诊决策",
    "Chest pain in primary care: recognising ACS and deciding to refer", 2m, "I", "Provincial", "SC-2026-0142",
    new DateOnly(2026, 12, 5), "华西—成都社区医疗联合体", "West China – Chengdu Community Health Consortium");
byte[] Render(int i) => renderer.Certificate(content, Certificate.FormatNumber(2026, i),
    $"https://cme.example.org/verify/{Certificate.NewVerificationCode()}", new DateOnly(2026, 12, 6));

for (var i = 0; i < 50; i++)
    Render(i); // warm-up: fonts loaded, code jitted

var sample = Render(1);
var oneCore = Measure(() => { for (var i = 0; i < count; i++) Render(i); }, count);
var cores = Environment.ProcessorCount;
var allCores = Measure(() => Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = cores }, i => Render(i)), count);

// Memory: the managed heap and the working set after every tenth of the run (after a full collection).
var samples = new List<(int Done, long Heap, long WorkingSet)>();
for (var i = 1; i <= memoryCount; i++)
{
    Render(i);
    if (i % (memoryCount / 10) == 0)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        samples.Add((i, GC.GetTotalMemory(true), Process.GetCurrentProcess().WorkingSet64));
    }
}

// Baseline: Chromium printing the same certificate as HTML (same text, same QR code as SVG), one at a time.
var work = Directory.CreateTempSubdirectory("cme-bench-");
var html = Path.Combine(work.FullName, "certificate.html");
await File.WriteAllTextAsync(html, CertificateHtml(content, "CME-2026-000001", "https://cme.example.org/verify/K7QX2M4TNB3VY6ZQ5WRA8JHC2PLDFE9S"));
double chromiumSeconds = 0;
for (var i = 0; i <= chromiumRuns; i++)
{
    var output = Path.Combine(work.FullName, $"out-{i}.pdf");
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(new ProcessStartInfo(chromium,
        $"--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run " +
        $"--user-data-dir={Path.Combine(work.FullName, $"profile-{i}")} --no-pdf-header-footer --print-to-pdf={output} file://{html}")
    {
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    })!;
    await process.WaitForExitAsync();
    watch.Stop();
    if (!File.Exists(output))
        throw new InvalidOperationException($"Chromium did not print: {await process.StandardError.ReadToEndAsync()}");
    if (i > 0)
        chromiumSeconds += watch.Elapsed.TotalSeconds; // run 0 warms the disk cache
}
var chromiumRate = chromiumRuns / chromiumSeconds;
work.Delete(recursive: true);

Console.WriteLine($"Certificate PDF (A4 landscape, CJK subset font, vector QR): {sample.Length / 1024.0:0.0} KiB");
Console.WriteLine($"PDFsharp, one core:            {oneCore,8:0.0} certificates/s ({1000 / oneCore:0.00} ms each, {count} certificates)");
Console.WriteLine($"PDFsharp, all {cores} cores:          {allCores,8:0.0} certificates/s ({allCores / oneCore:0.00}x one core)");
Console.WriteLine($"Chromium --print-to-pdf:       {chromiumRate,8:0.00} certificates/s ({1000 / chromiumRate:0} ms each, {chromiumRuns} runs)");
Console.WriteLine($"ratio, one core vs Chromium:   {oneCore / chromiumRate,8:0.0}x   (target: at least 20x) {(oneCore / chromiumRate >= 20 ? "MET" : "NOT MET")}");
Console.WriteLine($"ratio, all cores vs Chromium:  {allCores / chromiumRate,8:0.0}x");
Console.WriteLine($"memory over {memoryCount} certificates (after a full GC):");
foreach (var (done, heap, workingSet) in samples)
    Console.WriteLine($"  {done,6}: managed heap {heap / 1048576.0,7:0.0} MiB, working set {workingSet / 1048576.0,7:0.0} MiB");
var growth = (samples[^1].Heap - samples[0].Heap) / 1048576.0;
Console.WriteLine($"managed heap growth from the first to the last tenth: {growth:+0.0;-0.0;0.0} MiB {(Math.Abs(growth) < 5 ? "(flat)" : "(GROWING)")}");
return 0;

static double Measure(Action run, int count)
{
    var watch = Stopwatch.StartNew();
    run();
    return count / watch.Elapsed.TotalSeconds;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], inv) : fallback;
}

static string CertificateHtml(CertificateContent c, string number, string url)
{
    using var generator = new QRCodeGenerator();
    using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
    var svg = new SvgQRCode(data).GetGraphic(4);
    var text = new StringBuilder();
    text.Append($$"""
        <!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
        @page { size: A4 landscape; margin: 0 }
        body { margin: 0; font-family: "WenQuanYi Micro Hei", sans-serif; }
        .page { box-sizing: border-box; width: 297mm; height: 210mm; border: 3pt solid #8b1e2d; outline: 0.8pt solid #b08d57;
                outline-offset: -10pt; padding: 30pt 60pt; text-align: center; position: relative; }
        h1 { color: #8b1e2d; font-size: 30pt; margin: 10pt 0 4pt } .muted { color: #666 } .name { font-size: 26pt; font-weight: bold }
        .qr { position: absolute; right: 70pt; bottom: 60pt; width: 100pt } .sign { position: absolute; left: 80pt; bottom: 70pt; text-align: left }
        </style><div class="page">
        <div style="color:#8b1e2d;font-size:18pt;font-weight:bold">{{c.ConsortiumName}}</div><div class="muted">{{c.ConsortiumNameEn}}</div>
        <h1>继续医学教育学分证书</h1><div>Certificate of Continuing Medical Education Credit</div>
        <p class="muted">兹证明 This is to certify that</p><div class="name">{{c.LearnerNameZh}} {{c.LearnerNameLatin}}</div>
        <p class="muted">已完成继续医学教育项目 has completed the CME programme</p>
        <div style="font-size:18pt;font-weight:bold">「{{c.CourseTitleZh}}」</div><div>{{c.CourseTitleEn}}</div>
        <p style="color:#8b1e2d;font-size:15pt;font-weight:bold">授予 {{c.CreditClass}} 类学分 2 分 · Awarded 2 Class {{c.CreditClass}} credits</p>
        <p>项目级别 Level: 省级 Provincial 项目编号 Accreditation No.: {{c.AccreditationNumber}}<br>完成日期 Completed: 2026-12-05 发证日期 Issued: 2026-12-06</p>
        <p><b>证书编号 Certificate No. {{number}}</b><br><small class="muted">{{url}}</small></p>
        <div class="sign">______________________<br>继续医学教育委员会 主任委员（签字/盖章）<br><small>Chair, CME Committee</small></div>
        <div class="qr">
        """);
    text.Append(svg).Append("</div></div></html>");
    return text.ToString();
}
