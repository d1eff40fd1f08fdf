import { check } from 'recheck';
const src = process.argv[2], flags = process.argv[3] || '';
// split top-level alternatives
const parts=[]; let depth=0, cls=false, cur='';
for (let i=0;i<src.length;i++){const c=src[i]; if(c==='\\'){cur+=c+src[++i];continue} if(cls){if(c===']')cls=false;cur+=c;continue} if(c==='['){cls=true;cur+=c;continue} if(c==='(')depth++; if(c===')')depth--; if(c==='|'&&depth===0){parts.push(cur);cur='';continue} cur+=c}
parts.push(cur);
for (const p of parts){ const r = await check(p, flags, {timeout: 20000}); if (r.status!=='safe') console.log(r.status, r.complexity?.type, JSON.stringify(p), r.attack?.pattern ?? '') }
