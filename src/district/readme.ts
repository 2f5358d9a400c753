/**
 * README.txt of a new district's data folder, in Chinese: what is in it, what to confirm, what to fill in, and
 * the commands that come next.
 */
import type { Campaign } from '../campaign/types';
import type { DivisionRow } from './divisions';
import { MIN_LAND_SHARE } from './land';
import { TEMPLATE_CRS, type TemplateSpec } from './templates';

export interface ReadmeInput {
  campaign: Campaign;
  specs: TemplateSpec[];
  /** The guesses to confirm (campaign.ts `notes`). */
  notes: string[];
  land: { share: number | null; copied: boolean; path: string };
  divisions: DivisionRow[];
  /** The folder as the user named it, for the commands; `<本文件夹>` when absent. */
  folder?: string;
}

export function districtReadme(input: ReadmeInput): string {
  const { campaign: c, specs, land } = input;
  const folder = input.folder ?? '<本文件夹>';
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const villages = input.divisions.filter((d) => d.level === 'village').length;
  const lines = [
    `${c.district.zh}（${c.district.adcode}）创城攻坚地图 数据文件夹`,
    '由 npm run new-district 生成。JSON 文件不能写注释，需要确认的地方都列在本文件第二节（// confirm）。',
    '',
    '一、文件夹里有什么',
    `  campaign.json                  攻坚方案（专项、问题类别、攻坚范围规则、状态流程、优先级），沿用模板，区县名称、`,
    `                                 区划代码、范围（bbox、中心点）、乡镇街道（${c.subdistricts.length} 个）和单位已改为本区县`,
    '  sources.json                   数据文件清单：刷新（npm run refresh）按它读取每个文件、坐标系和列名',
    '  geodata/boundary_wgs84.geojson 区县边界（已转换为 WGS-84）',
    `  geodata/divisions.csv          统计用区划代码：区县、${c.subdistricts.length} 个乡镇街道、${villages} 个村（居）委会`,
    land.copied ? `  ${land.path}：陆地范围（见第四节）` : '  （陆地范围用区县边界本身，见第四节）',
    ...specs.map((s) => `  ${s.path}：${s.title}`),
    '  README.txt                     本说明',
    '',
    '二、需要确认的地方（// confirm）',
    ...input.notes.map((n) => `  - ${n}`),
    '  - 乡镇街道的 area：builtUp = 建成区（城市社区 300 米、农贸市场 500 米规则以建成区为准），rural = 渔农村镇',
    '    （镇街驻地 1 千米规则），other = 不在方案内。在 campaign.json 的 subdistricts 中修改。',
    '',
    '三、填写表格（templates 文件夹）',
    '  每个表格有三张表：数据表（第一行是表头，已冻结，不要改名）、“填写说明”（每列的含义、是否必填、允许值、示例）、',
    '  “允许值”（下拉列表的取值：乡镇街道、单位、状态、专项等）。“城市社区”表格另有“社区名录”：本区县全部村（居）委会',
    '  的 12 位区划代码。表格可以先空着：空表也能刷新，地图上只是没有这些对象。',
    `  坐标：经度、纬度按 ${TEMPLATE_CRS === 'gcj02' ? 'GCJ-02（高德、腾讯地图拾取）' : TEMPLATE_CRS} 填写；用 GPS、天地图（WGS-84）或百度地图（BD-09）`,
    '  取点时，把 sources.json 中该文件的 "crs" 改为 "wgs84" 或 "bd09"。',
    ...specs.map(
      (s) =>
        `  - ${s.path}：必填 ${s.columns
          .filter((col) => col.required)
          .map((col) => col.header)
          .join('、')}`,
    ),
    '  街巷道路（背街小巷、主次干道）是线：在“街巷道路”表格的“经纬度串”列沿道路依次填点（经度,纬度;经度,纬度;…）；',
    '  或者在奥维互动地图、两步路、Google Earth 里画线，每条线的属性填 编号、名称、所属街道、道路类别（背街小巷 /',
    '  主次干道）、测评路线（是 / 否），导出 KML，存为 streets.kml，再在 sources.json 的 "sources" 里加一项：',
    `    { "id": "streets-kml", "path": "streets.kml", "kind": "street", "format": "kml", "crs": "${TEMPLATE_CRS}" }`,
    '  （奥维、两步路导出的 KML 一般是 GCJ-02；Google Earth 是 WGS-84，crs 写 "wgs84"。）',
    '',
    '四、陆地范围（land）',
    ...landLines(land, percent),
    '',
    '五、下一步',
    `  1. 检查（不写任何文件）：npm run refresh -- --data ${folder} --check`,
    `  2. 启动：npm start -- --data ${folder}（或 DATA_DIR=${folder} npm start）`,
    '     （见仓库 README 的 “Another data folder” 一节；出错时每个问题一行：文件:行: 列: 原因。）',
    '  3. 表格改了以后，重新运行第 2 步（或 npm run refresh -- --data <文件夹> --out <输出文件夹>）。',
    '',
  ];
  return lines.join('\n');
}

function landLines(land: ReadmeInput['land'], percent: (x: number) => string): string[] {
  const why =
    '渔农村镇 1 千米规则只算陆地上的对象，并把攻坚范围裁到陆地：陆地文件没有覆盖的岛上的对象会被当作在海里而漏掉。';
  if (land.copied && land.share !== null)
    return [
      `  模板的陆地文件覆盖了本区县边界面积的 ${percent(land.share)}（至少 ${percent(MIN_LAND_SHARE)} 才使用），已复制为 ${land.path}。`,
      `  ${why}`,
    ];
  return [
    land.share === null
      ? '  模板文件夹没有陆地文件。'
      : `  模板的陆地文件只覆盖本区县边界面积的 ${percent(land.share)}（不到 ${percent(MIN_LAND_SHARE)}），所以没有使用。`,
    `  ${why}`,
    '  sources.json 把区县边界本身列为陆地（land）：岛屿都在，但边界线比海岸线粗，可能含少量滩涂和近岸海面。',
    '  有更准确的陆地多边形（如 OpenStreetMap 海岸线）时，换掉 sources.json 中 id 为 "land" 的文件即可。',
  ];
}
