/**
 * The spreadsheets a new district's office fills in: one workbook per source (communities, markets, town seats,
 * compounds, streets, stations, ad sites, defects, visit summaries, declarations) with the Chinese headers the refresh
 * reads, its sources.json entry (with the column mapping, so no header is guessed), a 填写说明 sheet (each column:
 * meaning, required, allowed values, example), a 允许值 sheet, and drop-down lists on the columns whose values
 * come from the campaign (subdistrict, unit, state, task force, yes/no, station type, declaration kind and status).
 *
 * write-excel-file has no data validation of its own, but takes "features" that edit the sheet XML; `listFeature`
 * adds `<dataValidations>` pointing at the 允许值 sheet (a list over 255 characters cannot be written inline).
 */
import gcoord from 'gcoord';
import writeXlsxFile, { type Feature, type Sheet } from 'write-excel-file/universal';
import {
  getOrderOfSiblings,
  insertElementMarkupAccordingToOrderOfSiblings,
  sanitizeAttributeValue,
  sanitizeTextContent,
} from 'write-excel-file/utility';
import type { Campaign } from '../campaign/types';
import type { SourceCrs, SourceKind, SourceSpec } from '../ingest/types';
import { columnName } from '../ingest/xlsx-scan';
import type { DivisionRow } from './divisions';

/** Rows of the data sheet that get the drop-down lists (the header is row 1). */
const VALIDATED_ROWS = 5000;
/** The CRS the point templates declare: staff pick positions in Amap (高德), which gives GCJ-02. */
export const TEMPLATE_CRS: SourceCrs = 'gcj02';
export const ALLOWED_SHEET = '允许值';
export const GUIDE_SHEET = '填写说明';
export const DIRECTORY_SHEET = '社区名录';

/** The campaign-derived lists a column can be restricted to. */
export type ListName =
  | 'subdistrict'
  | 'unit'
  | 'state'
  | 'taskForce'
  | 'category'
  | 'yesNo'
  | 'streetClass'
  | 'stationType'
  | 'declarationKind'
  | 'declarationStatus';

export interface TemplateColumn {
  header: string;
  /** The refresh's field (src/ingest columns.ts); sources.json maps it to `header`. */
  field: string;
  required: boolean;
  meaning: string;
  /** Allowed values in words, for 填写说明. */
  allowed: string;
  /** Values come from this list: a drop-down on the column and a column of the 允许值 sheet. */
  list?: ListName;
  example: string | number;
  width: number;
}

export interface TemplateSpec {
  /** Source id in sources.json. */
  id: string;
  kind: SourceKind;
  /** Path in the data folder. */
  path: string;
  /** Data sheet name (sources.json `sheet`). */
  sheet: string;
  /** What a row is, for 填写说明. */
  title: string;
  /** Where a row is: 经度/纬度 columns, a 经纬度串 column (a line), or nowhere. */
  position: 'point' | 'line' | 'none';
  columns: TemplateColumn[];
}

const LIST_TITLES: Record<ListName, string> = {
  subdistrict: '所属街道（乡镇）',
  unit: '责任单位',
  state: '状态',
  taskForce: '专项',
  category: '类别（专项）',
  yesNo: '是/否',
  streetClass: '道路类别',
  stationType: '站点类型',
  declarationKind: '申报类型',
  declarationStatus: '申报状态',
};

/** Every list's values, from the campaign (names as staff write them; the refresh maps names back to codes). */
export function allowedLists(campaign: Campaign): Record<ListName, string[]> {
  return {
    subdistrict: campaign.subdistricts.map((s) => s.zh),
    unit: campaign.units.map((u) => u.zh),
    state: campaign.lifecycle.states.map((s) => s.zh),
    taskForce: campaign.taskForces.map((t) => t.zh),
    category: campaign.taskForces.flatMap((t) => t.categories.map((c) => `${c.zh}（${t.zh}）`)),
    yesNo: ['是', '否'],
    streetClass: ['背街小巷', '主次干道'],
    stationType: ['学雷锋志愿服务站', '交通劝导岗'],
    declarationKind: ['活动类图片', '实景照片', '说明报告'],
    declarationStatus: ['未开始', '进行中', '已报送'],
  };
}

/**
 * The ten workbooks, with examples taken from the campaign (its first built-up subdistrict and unit, its
 * centre converted to GCJ-02, its as-of date) and the divisions (a community of that subdistrict).
 */
export function templateSpecs(campaign: Campaign, divisions: DivisionRow[] = []): TemplateSpec[] {
  const sd = campaign.subdistricts.find((s) => s.area === 'builtUp') ?? campaign.subdistricts[0];
  const community = divisions.find((d) => d.type === '社区居委会' && d.parentCode === sd?.code) ??
    divisions.find((d) => d.level === 'village') ?? { code: `${sd?.code ?? '000000000'}001`, name: '某某社区居委会' };
  const sdName = sd?.zh ?? '';
  const unitName = campaign.units.find((u) => u.code === sd?.unit)?.zh ?? campaign.units[0]?.zh ?? '';
  const [lng, lat] = gcoord.transform(campaign.district.center, gcoord.WGS84, gcoord.GCJ02);
  const date = campaign.asOfDate;
  const id = (example: string): TemplateColumn =>
    col(
      '编号',
      'id',
      true,
      '本表内唯一的编号，各表之间也不能重复；问题表的“关联对象”填这个编号',
      '字母、数字',
      example,
      10,
    );
  const name = (example: string): TemplateColumn => col('名称', 'name', true, '对象名称', '文字', example, 24);
  const position = [
    col('经度', 'lng', true, '位置的经度（东经，十进制度）', COORD_NOTE, round6(lng), 12),
    col('纬度', 'lat', true, '位置的纬度（北纬，十进制度）', COORD_NOTE, round6(lat), 12),
  ];
  const place = [
    col('所属街道', 'subdistrict', true, '所在乡镇（街道）', '见允许值表', sdName, 14, 'subdistrict'),
    col('责任单位', 'unit', false, '负责整改的单位；空白时为所属街道的单位', '见允许值表', unitName, 18, 'unit'),
  ];
  const inspected = col('最近检查', 'lastInspected', false, '最近一次检查的日期', 'YYYY-MM-DD', date, 12);
  const yesNo = (header: string, field: string, meaning: string, example: string) =>
    col(header, field, false, meaning, '是 / 否；空白表示未检查', example, 10, 'yesNo');
  const tf7 = campaign.taskForces.find((t) => t.targetKinds.includes('station'));
  return [
    {
      id: 'communities',
      kind: 'community',
      path: 'templates/城市社区.xlsx',
      sheet: '城市社区',
      title: '城市社区（居委会）办公地点，一行一个社区：300 米攻坚范围的圆心',
      position: 'point',
      columns: [
        id('C001'),
        name(community.name.replace(/居委会$/, '')),
        col('区划代码', 'code', true, '12 位统计用区划代码（见“社区名录”表）', '12 位数字', community.code, 14),
        ...position,
        ...place,
        inspected,
      ],
    },
    {
      id: 'markets',
      kind: 'market',
      path: 'templates/农贸市场.xlsx',
      sheet: '农贸市场',
      title: '农贸市场，一行一个：建成区市场周边 500 米为背街小巷攻坚范围',
      position: 'point',
      columns: [
        id('M001'),
        name('中心农贸市场'),
        ...position,
        ...place,
        col('建成区', 'builtUp', false, '是否建成区市场；空白时按所属街道是否建成区', '是 / 否', '是', 10, 'yesNo'),
        inspected,
      ],
    },
    {
      id: 'town-seats',
      kind: 'townSeat',
      path: 'templates/镇街驻地.xlsx',
      sheet: '镇街驻地',
      title: '渔农村镇（街道）政府驻地，一行一个：周边 1 千米为攻坚范围',
      position: 'point',
      columns: [
        id('T001'),
        name(`${sdName}人民政府`),
        ...position,
        ...place,
        col('来源', 'source', false, '位置的来源（如 高德地图拾取、现场 GPS）', '文字', '高德地图拾取', 16),
        inspected,
      ],
    },
    {
      id: 'compounds',
      kind: 'compound',
      path: 'templates/居民小区.xlsx',
      sheet: '居民小区',
      title: '居民住宅小区，一行一个（点位：小区大门或中心）',
      position: 'point',
      columns: [
        id('H001'),
        name('海景花园'),
        ...position,
        ...place,
        col('户数', 'households', false, '小区户数', '0 或正整数', 320, 8),
        inspected,
      ],
    },
    {
      id: 'streets',
      kind: 'street',
      path: 'templates/街巷道路.xlsx',
      sheet: '街巷道路',
      title: '背街小巷和主次干道，一行一条道路（线：沿道路依次取点）',
      position: 'line',
      columns: [
        id('J001'),
        name('人民路'),
        ...place,
        col(
          '道路类别',
          'streetClass',
          true,
          '背街小巷或主次干道（商业大街）',
          '背街小巷 / 主次干道',
          '背街小巷',
          12,
          'streetClass',
        ),
        col('测评路线', 'onRoute', false, '是否在省测、国测测评路线上；空白为否', '是 / 否', '否', 10, 'yesNo'),
        col(
          '经纬度串',
          'vertices',
          true,
          '沿道路依次取点：每个点“经度,纬度”，点与点之间用分号（;）隔开，至少 2 个点',
          `${COORD_NOTE}；英文或中文逗号、分号都可以`,
          lineExample(lng, lat),
          60,
        ),
        inspected,
      ],
    },
    {
      id: 'stations',
      kind: 'station',
      path: 'templates/志愿服务站点.xlsx',
      sheet: '志愿服务站点',
      title: '学雷锋志愿服务站和文明交通劝导岗，一行一个',
      position: 'point',
      columns: [
        id('V001'),
        name('学雷锋志愿服务站'),
        col(
          '站点类型',
          'stationType',
          true,
          '站点类型',
          '学雷锋志愿服务站 / 交通劝导岗',
          '学雷锋志愿服务站',
          18,
          'stationType',
        ),
        ...position,
        ...place,
        yesNo('有标识', 'hasSign', '三要素：有醒目标识', '是'),
        yesNo('志愿者在岗', 'volunteersPresent', '三要素：志愿者在岗', '是'),
        yesNo('有服务内容', 'hasServiceContent', '三要素：有服务内容', '是'),
        col(
          '问题',
          'faults',
          false,
          '抽查发现的问题，多个用顿号（、）分隔',
          `${tf7?.zh ?? '志愿服务'}的类别名称，见允许值表`,
          tf7?.categories[0]?.zh ?? '',
          18,
        ),
        inspected,
      ],
    },
    {
      id: 'adsites',
      kind: 'adsite',
      path: 'templates/公益广告点位.xlsx',
      sheet: '公益广告点位',
      title: '公益广告点位（含景观小品），一行一个',
      position: 'point',
      columns: [
        id('A001'),
        name('文化广场景观小品'),
        col('点位类型', 'siteType', false, '点位类型（如 景观小品、公交站台、围挡）', '文字', '景观小品', 12),
        col('景观小品', 'landscapeFeature', false, '是否景观小品公益广告', '是 / 否', '是', 10, 'yesNo'),
        col(
          '照片数',
          'photosSubmitted',
          false,
          `已报送的实景照片张数（每个点位 ${campaign.adSitePhotos.min}–${campaign.adSitePhotos.max} 张）`,
          '0 或正整数',
          2,
          8,
        ),
        ...position,
        ...place,
        inspected,
      ],
    },
    {
      id: 'defects',
      kind: 'defect',
      path: 'templates/问题清单.xlsx',
      sheet: '问题清单',
      title: '督查发现的问题，一行一个问题的一个状态（同一编号可多行，记录状态变化）',
      position: 'point',
      columns: [
        col('编号', 'id', true, '问题编号，状态变化时沿用同一编号', '字母、数字', 'D0001', 10),
        col(
          '专项',
          'taskForce',
          true,
          '所属专项攻坚行动',
          '见允许值表',
          campaign.taskForces[0]?.zh ?? '',
          16,
          'taskForce',
        ),
        col(
          '类别',
          'category',
          true,
          '问题类别（须属于所填专项）',
          '见允许值表“类别（专项）”列，只填括号前的类别名',
          campaign.taskForces[0]?.categories[0]?.zh ?? '',
          18,
        ),
        col('状态', 'state', true, '当前状态', '见允许值表', campaign.lifecycle.states[0]?.zh ?? '', 10, 'state'),
        ...position,
        col('发现日期', 'found', true, '发现问题的日期', 'YYYY-MM-DD', date, 12),
        col('整改期限', 'deadline', true, '整改截止日期（不早于发现日期）', 'YYYY-MM-DD', date, 12),
        col('状态日期', 'updated', false, '本行状态的日期；空白时为发现日期', 'YYYY-MM-DD', date, 12),
        col('责任单位', 'unit', true, '负责整改的单位', '见允许值表', unitName, 18, 'unit'),
        col('所属街道', 'subdistrict', true, '所在乡镇（街道）', '见允许值表', sdName, 14, 'subdistrict'),
        col(
          '关联对象',
          'object',
          false,
          '问题所在对象的编号（小区、市场、站点等表中的编号）',
          '已有对象的编号',
          'H001',
          10,
        ),
        col('问题描述', 'description', false, '问题描述', '文字', '楼道堆放杂物', 28),
        col('照片', 'photos', false, '照片文件名，多个用逗号或空格分隔', '文件名', 'D0001-1.jpg', 16),
      ],
    },
    {
      id: 'visits',
      kind: 'visit',
      path: 'templates/入户走访汇总.xlsx',
      sheet: '入户走访汇总',
      title: '入户走访按社区汇总，一行一个社区（只填汇总数，不填住户姓名、电话、地址）',
      position: 'none',
      columns: [
        col(
          '社区编码',
          'community',
          true,
          '社区：城市社区表中的编号、名称或区划代码',
          '城市社区表中已有的社区',
          'C001',
          14,
        ),
        col('户数', 'households', true, '社区总户数', '正整数', 1200, 8),
        col('已走访户数', 'visited', true, '已走访户数（不超过户数）', '0 或正整数', 1100, 10),
        col('回收问卷', 'questionnaires', true, '回收问卷份数（不超过户数）', '0 或正整数', 1000, 10),
        col('满意率', 'satisfaction', false, '满意率', '0.93 或 93%', 0.93, 8),
        col('楼道数', 'stairwells', false, '楼道数', '0 或正整数', 80, 8),
        col('楼道长数', 'stairwellHeads', false, '已落实楼道长的楼道数（不超过楼道数）', '0 或正整数', 75, 10),
      ],
    },
    {
      id: 'declarations',
      kind: 'declaration',
      path: 'templates/网上申报.xlsx',
      sheet: '网上申报',
      title: '网上申报条目（方案附件2），一行一条',
      position: 'none',
      columns: [
        col('编号', 'id', true, '条目编号', '字母、数字', 'SB-1', 8),
        col('类型', 'kind', true, '申报类型', '活动类图片 / 实景照片 / 说明报告', '活动类图片', 12, 'declarationKind'),
        col('条目', 'entry', true, '测评体系条目号', '文字', 'Ⅲ-8-1)-②', 12),
        col('网上申报内容', 'content', true, '申报内容', '文字', '核心价值观教育实践活动图片', 36),
        col('责任单位', 'units', true, '责任单位，多个用顿号（、）分隔', '见允许值表', unitName, 24),
        col('截止日期', 'deadline', true, '截止日期', 'YYYY-MM-DD', date, 12),
        col('状态', 'status', true, '进度', '未开始 / 进行中 / 已报送', '未开始', 10, 'declarationStatus'),
        col('备注', 'note', false, '备注', '文字', '', 24),
      ],
    },
  ];
}

/** The sources.json entry of a template: its sheet, CRS and every column named. */
export function templateSource(spec: TemplateSpec): SourceSpec {
  return {
    id: spec.id,
    path: spec.path,
    kind: spec.kind,
    format: 'xlsx',
    crs: TEMPLATE_CRS,
    sheet: spec.sheet,
    columns: Object.fromEntries(spec.columns.map((c) => [c.field, c.header])),
  };
}

/**
 * One template workbook: the data sheet (header row frozen, drop-down lists), 填写说明, 允许值 and, for
 * communities, 社区名录 (the district's village-level divisions with their codes).
 */
export async function writeTemplate(
  spec: TemplateSpec,
  campaign: Campaign,
  divisions: DivisionRow[],
): Promise<Uint8Array> {
  const lists = allowedLists(campaign);
  const listNames = Object.keys(lists) as ListName[];
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const, backgroundColor: '#E5E7EB' });
  const text = (value: string | number) =>
    typeof value === 'number' ? { value, type: Number } : { value, type: String };
  const sheets: Sheet<Blob>[] = [
    {
      sheet: spec.sheet,
      data: [spec.columns.map((c) => bold(c.header))],
      columns: spec.columns.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
    },
    {
      sheet: GUIDE_SHEET,
      data: guideRows(spec).map((row, i) => row.map((v) => (i === 0 || i === 2 ? bold(String(v)) : text(v)))),
      columns: [{ width: 14 }, { width: 48 }, { width: 10 }, { width: 40 }, { width: 22 }],
      stickyRowsCount: 3,
    },
    {
      sheet: ALLOWED_SHEET,
      data: [
        listNames.map((l) => bold(LIST_TITLES[l])),
        ...Array.from({ length: Math.max(...listNames.map((l) => lists[l].length)) }, (_, i) =>
          listNames.map((l) => (lists[l][i] === undefined ? null : text(lists[l][i]))),
        ),
      ],
      columns: listNames.map((l) => ({ width: l === 'category' || l === 'unit' ? 30 : 16 })),
      stickyRowsCount: 1,
    },
  ];
  if (spec.kind === 'community') {
    const villages = divisions.filter((d) => d.level === 'village');
    sheets.push({
      sheet: DIRECTORY_SHEET,
      data: [
        ['区划代码', '名称', '所属街道', '类型'].map(bold),
        ...villages.map((v) => [v.code, v.name, v.parentName, v.type].map(text)),
      ],
      columns: [{ width: 16 }, { width: 24 }, { width: 14 }, { width: 12 }],
      stickyRowsCount: 1,
    });
  }
  const validations = spec.columns.flatMap((c, i) =>
    c.list ? [{ column: i, range: listRange(listNames.indexOf(c.list), lists[c.list].length) }] : [],
  );
  const blob = await writeXlsxFile(sheets, {
    fontFamily: 'Microsoft YaHei',
    fontSize: 11,
    features: [listFeature(spec.sheet, validations)],
  }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

const COORD_NOTE = '高德/腾讯地图拾取的坐标（GCJ-02），十进制度（不用度分秒）';

function col(
  header: string,
  field: string,
  required: boolean,
  meaning: string,
  allowed: string,
  example: string | number,
  width: number,
  list?: ListName,
): TemplateColumn {
  return { header, field, required, meaning, allowed, example, width, ...(list ? { list } : {}) };
}

/** 填写说明: what a row is, then one line per column, then the notes that hold for every column. */
function guideRows(spec: TemplateSpec): (string | number)[][] {
  const rows: (string | number)[][] = [
    [`${spec.sheet}：${spec.title}`],
    ['数据填在“' + spec.sheet + '”表，第一行表头不要改动；一行一条，不要合并单元格，不要加合计行。'],
    ['列名', '含义', '必填', '允许值', '示例'],
    ...spec.columns.map((c) => [c.header, c.meaning, c.required ? '必填' : '选填', c.allowed, c.example]),
    [],
  ];
  if (spec.position !== 'none')
    rows.push([
      '坐标系',
      `${spec.position === 'line' ? '经纬度串中的每个点' : '经度、纬度'}按 GCJ-02（高德、腾讯地图）填写。若用 GPS、天地图（WGS-84）或百度地图（BD-09）取点，请把 sources.json 中本文件的 "crs" 改为 "wgs84" 或 "bd09"；同一文件只能用一种坐标系。`,
    ]);
  if (spec.position === 'line')
    rows.push([
      '经纬度串',
      '例：122.105,30.020;122.107,30.021;122.109,30.022（经度在前，纬度在后，十进制度，不用度分秒）。出错时刷新会指出第几行、第几个点。也可以不填本表，改用奥维、两步路或 Google Earth 画线导出 KML（见数据文件夹的 README.txt）。',
    ]);
  rows.push(
    ['下拉列表', '带下拉箭头的列只能填允许值表中的值（名称须与允许值表一致）。'],
    ['日期', '日期写成 2019-09-12（年-月-日），或使用 Excel 的日期格式。'],
    ['示例', '上表“示例”一列是一行数据的样子，不要把示例抄进数据表。'],
  );
  return rows;
}

/** `'允许值'!$B$2:$B$14`: the values of list column `index` of the 允许值 sheet. */
function listRange(index: number, count: number): string {
  const letter = columnName(index + 1);
  return `'${ALLOWED_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, count + 1)}`;
}

/**
 * A write-excel-file feature that puts drop-down lists on columns of one sheet: `<dataValidations>` (ECMA-376
 * CT_DataValidations) in its place among the worksheet's elements, each a `list` over a range of another sheet.
 */
function listFeature(sheet: string, validations: { column: number; range: string }[]): Feature<Blob> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, options) => {
            if (options.sheet !== sheet || validations.length === 0) return xml;
            const rules = validations
              .map(({ column, range }) => {
                const letter = columnName(column + 1);
                const sqref = sanitizeAttributeValue(`${letter}2:${letter}${VALIDATED_ROWS}`);
                return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="${sanitizeAttributeValue('不在允许值中')}" error="${sanitizeAttributeValue(`请从下拉列表选择（见“${ALLOWED_SHEET}”表）`)}" sqref="${sqref}"><formula1>${sanitizeTextContent(range)}</formula1></dataValidation>`;
              })
              .join('');
            const markup = `<dataValidations count="${validations.length}">${rules}</dataValidations>`;
            return insertElementMarkupAccordingToOrderOfSiblings(
              xml,
              markup,
              getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [],
              'worksheet',
            );
          },
        },
      },
    },
  };
}

/** Three points along a short street east of the centre, GCJ-02, as the 经纬度串 example. */
function lineExample(lng: number, lat: number): string {
  return [0, 0.001, 0.002].map((d) => `${round6(lng + d).toFixed(6)},${round6(lat + d / 2).toFixed(6)}`).join(';');
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
